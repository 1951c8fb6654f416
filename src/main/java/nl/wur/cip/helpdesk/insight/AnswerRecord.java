package nl.wur.cip.helpdesk.insight;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.wur.cip.helpdesk.answer.Answer;

/**
 * What is kept of one answer for the office's counts: when, its outcome and language, its confidence and the card that
 * answered it. Never the question: the counts must not become a second log of what researchers asked.
 */
public record AnswerRecord(
        Instant answeredAt, String outcome, String language, double confidence, Optional<String> cardId) {
    /** The first card the answer came from ({@code card:faq-retention} in its source); a closest topic is not a match. */
    private static final Pattern CARD = Pattern.compile("(?:^|\\s)card:([A-Za-z0-9._-]{1,100})");

    public static AnswerRecord of(Answer answer, Instant at) {
        Matcher card = CARD.matcher(answer.source() == null ? "" : answer.source());
        return new AnswerRecord(
                at,
                answer.outcome().code(),
                answer.language().code(),
                answer.confidence(),
                card.find() ? Optional.of(card.group(1)) : Optional.empty());
    }
}
