package nl.wur.cip.helpdesk.escalation;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Accepts escalations: stores each with its mails in one transaction, then wakes the delivery worker. Without
 * SMTP the escalation is still stored, for the admin inbox and for delivery once mail is configured.
 */
public final class EscalationService {
    private final EscalationStore store;
    private final Optional<DeliveryWorker> worker;
    private final String messageIdDomain;
    private final String officeAddress;
    private final Clock clock;

    /**
     * @param worker          the delivery worker; empty when no SMTP server is configured
     * @param messageIdDomain the domain in the Message-IDs of this instance's mails
     */
    public EscalationService(
            EscalationStore store,
            Optional<DeliveryWorker> worker,
            String messageIdDomain,
            String officeAddress,
            Clock clock) {
        this.store = store;
        this.worker = worker;
        this.messageIdDomain = messageIdDomain;
        this.officeAddress = officeAddress;
        this.clock = clock;
    }

    /** What the researcher is told: the ticket, and whether the helpdesk will send the mail itself. */
    public record Receipt(String ticket, String status, boolean mailConfigured, String officeAddress) {}

    /**
     * Stores the escalation under the idempotency key; the same key with the same request gives the same ticket.
     *
     * @param assessment the attached checklist assessment as the Markdown record the office reads
     * @throws EscalationStore.KeyReusedException if the key was used for a different request
     */
    public Receipt submit(String idempotencyKey, EscalationRequest request, Optional<String> assessment) {
        EscalationStore.Submission submission =
                store.submit(idempotencyKey, request, assessment, clock.instant(), messageIdDomain);
        if (!submission.repeated()) {
            worker.ifPresent(DeliveryWorker::wake);
        }
        return new Receipt(submission.ticket(), EscalationStatus.QUEUED.code(), worker.isPresent(), officeAddress);
    }

    public List<Escalation> latest(Optional<EscalationStatus> status, int limit) {
        return store.latest(status, limit);
    }

    public Optional<Escalation> find(String ticket) {
        return store.findByTicket(ticket);
    }

    /** Queues the failed mails of an escalation again; false if it has none. */
    public boolean retry(String ticket) {
        boolean queued = store.retry(ticket, clock.instant());
        if (queued) {
            worker.ifPresent(DeliveryWorker::wake);
        }
        return queued;
    }

    /** Everything stored about the escalations from one address. */
    public List<Escalation> byEmail(String email) {
        return store.byEmail(email);
    }

    /** Deletes the personal data of every escalation from one address; returns how many escalations it touched. */
    public int forget(String email) {
        return store.purgeByEmail(email, clock.instant());
    }

    public boolean markHandled(String ticket) {
        return store.markHandled(ticket, clock.instant());
    }

    /** How many mails are in each delivery state. */
    public java.util.Map<String, Long> deliveryCounts() {
        return store.deliveryCounts();
    }

    public boolean mailConfigured() {
        return worker.isPresent();
    }
}
