package nl.wur.cip.helpdesk.feedback;

import java.time.Instant;

/** A researcher's thumbs up or down on one answer, with an optional comment. */
public record Feedback(
        String id,
        Instant createdAt,
        String conversationId,
        String question,
        String answer,
        String outcome,
        String rating,
        String comment,
        String language) {}
