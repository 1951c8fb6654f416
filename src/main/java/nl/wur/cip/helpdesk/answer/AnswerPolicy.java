package nl.wur.cip.helpdesk.answer;

/**
 * The thresholds that turn retrieval scores into an outcome, measured on the question sets
 * (see README, "Measured figures").
 *
 * @param cardMatch     a card whose best phrasing scores at least this answers with the card
 * @param answerable    below this the passages found do not settle the question
 * @param onTopicAnyway a question without copyright vocabulary is still on topic when the knowledge matches this well
 * @param dutchDiscount  subtracted from vector similarity between Dutch texts, which the English-only bundled
 *                       model rates too high even for unrelated sentences
 */
public record AnswerPolicy(double cardMatch, double answerable, double onTopicAnyway, double dutchDiscount) {
    public static AnswerPolicy defaults() {
        return new AnswerPolicy(0.55, 0.30, 0.60, 0.20);
    }

    /**
     * How well a card or passage matches: on meaning (vector similarity) or on the question's own words
     * (the share of its content terms found).
     */
    public double confidence(double cosine, double coverage, nl.wur.cip.helpdesk.knowledge.Language language) {
        double meaning = language == nl.wur.cip.helpdesk.knowledge.Language.NL ? cosine - dutchDiscount : cosine;
        return Math.max(meaning, 0.5 * cosine + 0.5 * coverage);
    }
}
