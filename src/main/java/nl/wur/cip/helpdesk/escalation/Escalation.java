package nl.wur.cip.helpdesk.escalation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import nl.wur.cip.helpdesk.knowledge.Language;

/**
 * A stored escalation with its delivery state. The personal fields are empty once retention has purged them.
 *
 * @param deliveries the mails sent for it: to the office, and the confirmation to the researcher
 */
public record Escalation(
        long id,
        String ticket,
        Instant createdAt,
        String origin,
        Language language,
        Optional<String> email,
        Optional<String> name,
        Optional<String> question,
        List<EscalationRequest.TranscriptEntry> transcript,
        Optional<String> assessmentId,
        Optional<String> assessment,
        boolean quoteConsent,
        Optional<Instant> handledAt,
        Optional<Instant> purgedAt,
        List<Delivery> deliveries) {

    /** What the office sees: handled once marked so, otherwise the state of the mail to the office. */
    public EscalationStatus status() {
        if (handledAt.isPresent()) {
            return EscalationStatus.HANDLED;
        }
        return deliveries.stream()
                .filter(d -> d.kind() == MailKind.OFFICE)
                .findFirst()
                .map(d -> EscalationStatus.of(d.status()))
                .orElse(EscalationStatus.QUEUED);
    }

    /** One outgoing mail and where its delivery stands. */
    public record Delivery(
            long id,
            MailKind kind,
            String messageId,
            DeliveryStatus status,
            int attempts,
            Instant nextAttemptAt,
            Optional<String> lastError,
            Optional<Instant> sentAt) {}
}
