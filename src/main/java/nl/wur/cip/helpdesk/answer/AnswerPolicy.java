package nl.wur.cip.helpdesk.answer;

import nl.wur.cip.helpdesk.knowledge.Language;

/**
 * The thresholds that turn the understood intent and the retrieval scores into an outcome, chosen on the tuning
 * part of the real question set and the project's own sets (see README, "Measured figures").
 *
 * @param cardProbability   an answer card is given only when its intent's calibrated probability is at least this
 * @param cardMargin        ... and it leads the runner-up intent by at least this much
 * @param partProbability   a further part of a longer question is answered from its own card at this probability
 * @param offTopicProbability below this, a question that looks off topic still goes to the office rather than away
 * @param answerFromPassages without a confident card, the passages answer on their own only when one matches this well
 * @param pointToClosest    an unsettled question is shown the closest card's answer, as such, from this probability
 * @param quoteSources      an unsettled question quotes what the sources say only when a passage matches this well
 * @param officeProbability a question goes to the office when one of the intents the office always wants to see
 *                          (scope.yml, office_intents: claims, specific contracts, topics outside the knowledge)
 *                          reaches this probability in the question or in one of its parts
 * @param dutchDiscount     subtracted from vector similarity between Dutch texts, which the English-only bundled
 *                          model rates too high even for unrelated sentences
 * @param calibration       how the intent's probability becomes the confidence an answer reports; the thresholds
 *                          above are in the model's own probability
 */
public record AnswerPolicy(
        double cardProbability,
        double cardMargin,
        double partProbability,
        double offTopicProbability,
        double answerFromPassages,
        double pointToClosest,
        double quoteSources,
        double officeProbability,
        double dutchDiscount,
        ConfidenceCalibration calibration) {
    public static AnswerPolicy defaults() {
        // The calibration is fitted by `calibrate` to first-runs.jsonl: real questions of the tuning part as the
        // helpdesk answered them before anything was tuned on them (ConfidenceCalibrationTest checks the fit).
        return new AnswerPolicy(
                0.35, 0.10, 0.60, 0.40, 0.75, 0.15, 0.55, 0.25, 0.20, new ConfidenceCalibration(0.351, 1.657));
    }

    /** The confidence reported for an intent of this probability, rounded as the API gives it. */
    public double reportedConfidence(double probability) {
        double confidence = calibration.apply(Math.max(0, Math.min(1, probability)));
        return Math.round(confidence * 1000) / 1000.0;
    }

    /**
     * How well a passage matches: on meaning (vector similarity) or on the question's own words
     * (the share of its content terms found).
     */
    public double confidence(double cosine, double coverage, Language language) {
        double meaning = language == Language.NL ? cosine - dutchDiscount : cosine;
        return Math.max(meaning, 0.5 * cosine + 0.5 * coverage);
    }
}
