package nl.wur.cip.helpdesk.answer;

/**
 * The thresholds that turn retrieval scores into an outcome, measured on the question sets
 * (see README, "Measured figures").
 *
 * @param cardMatch     a card whose best phrasing scores at least this answers with the card
 * @param answerable    below this the passages found do not settle the question
 * @param onTopicAnyway a question without copyright vocabulary is still on topic when the knowledge matches this well
 */
public record AnswerPolicy(double cardMatch, double answerable, double onTopicAnyway) {
    public static AnswerPolicy defaults() {
        return new AnswerPolicy(0.62, 0.45, 0.55);
    }
}
