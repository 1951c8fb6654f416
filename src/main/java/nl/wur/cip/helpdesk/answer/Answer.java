package nl.wur.cip.helpdesk.answer;

import java.util.List;
import nl.wur.cip.helpdesk.knowledge.Citation;
import nl.wur.cip.helpdesk.knowledge.Language;

/**
 * The helpdesk's reply to one question, as the API returns it, with the intent model's own probability behind its
 * confidence (not returned; for the evaluation, which fits the confidence calibration to it).
 */
public record Answer(
        String answer,
        Outcome outcome,
        Language language,
        double confidence,
        double probability,
        List<Citation> citations,
        String escalationReason,
        List<String> followUps,
        String disclaimer,
        String source) {

    /** The same answer, with {@code source} saying what decided it. */
    public Answer withSource(String source) {
        return new Answer(
                answer,
                outcome,
                language,
                confidence,
                probability,
                citations,
                escalationReason,
                followUps,
                disclaimer,
                source);
    }
}
