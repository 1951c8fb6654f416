package nl.wur.cip.helpdesk.escalation;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox in the background, one mail at a time, so request threads never wait for SMTP. A mail is
 * marked sent only after the server accepted it: a crash in between sends it again later, with the same Message-ID.
 * When the database cannot record a mail that the server accepted, the worker remembers it and, when the mail comes
 * round again, records it instead of sending it twice (only a restart in that state sends it again).
 */
public final class DeliveryWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

    private final EscalationStore store;
    private final MailComposer composer;
    private final SmtpMailer mailer;
    private final Backoff backoff;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration lease;
    private final Random random = new Random();
    private final Semaphore wakeUp = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;
    /** Deliveries the SMTP server accepted that the store could not yet mark sent, with the attempt that sent them. */
    private final Map<Long, Integer> sentNotRecorded = new ConcurrentHashMap<>();

    public DeliveryWorker(
            EscalationStore store,
            MailComposer composer,
            SmtpMailer mailer,
            Backoff backoff,
            Clock clock,
            Duration pollInterval,
            Duration lease) {
        this.store = store;
        this.composer = composer;
        this.mailer = mailer;
        this.backoff = backoff;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.lease = lease;
        this.thread = new Thread(this::loop, "mail-delivery");
        this.thread.setDaemon(true);
    }

    public DeliveryWorker start() {
        thread.start();
        return this;
    }

    /** Asks the worker to look at the outbox now rather than at its next poll. */
    public void wake() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    private void loop() {
        while (running) {
            try {
                deliverDue();
            } catch (RuntimeException e) {
                LOG.error("mail delivery: cannot read the outbox: {}", e.getMessage());
            }
            try {
                wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Makes one attempt at every mail that is due; returns how many it attempted. */
    public int deliverDue() {
        int attempted = 0;
        try {
            while (running) {
                Optional<EscalationStore.Claim> next = store.claimNext(clock.instant(), lease);
                if (next.isEmpty()) {
                    return attempted;
                }
                attempt(next.get());
                attempted++;
            }
            return attempted;
        } finally {
            mailer.close(); // no connection is held open between runs
        }
    }

    private void attempt(EscalationStore.Claim claim) {
        int attempts = claim.attempts() + 1;
        Optional<Escalation> escalation = store.find(claim.escalationId());
        String ticket = escalation.map(Escalation::ticket).orElse("#" + claim.escalationId());
        Integer sentAt = sentNotRecorded.get(claim.deliveryId());
        if (sentAt != null) {
            try {
                store.markSent(claim.deliveryId(), sentAt, clock.instant());
            } catch (RuntimeException e) { // still refused: it comes round again when this claim's lease ends
                LOG.error(
                        "mail sent before, still not recorded as sent: ticket={} kind={}: {}",
                        ticket,
                        claim.kind().code(),
                        e.getMessage());
                return;
            }
            sentNotRecorded.remove(claim.deliveryId());
            LOG.info(
                    "mail recorded as sent (sent before, not mailed again): ticket={} kind={}",
                    ticket,
                    claim.kind().code());
            return;
        }
        try {
            if (escalation.isEmpty()) {
                throw new DeliveryException("the escalation is gone", true, null);
            }
            MimeMessage message;
            try {
                message = composer.compose(escalation.get(), claim.kind(), claim.messageId(), mailer.session());
            } catch (MessagingException e) {
                throw new DeliveryException("cannot write the mail: " + e.getMessage(), true, e);
            }
            mailer.send(message);
            try {
                store.markSent(claim.deliveryId(), attempts, clock.instant());
            } catch (RuntimeException e) {
                sentNotRecorded.put(claim.deliveryId(), attempts);
                LOG.error(
                        "mail sent but not recorded as sent: ticket={} kind={}: {}; it will be recorded, not sent again",
                        ticket,
                        claim.kind().code(),
                        e.getMessage());
                return;
            }
            LOG.info(
                    "mail sent: ticket={} kind={} attempts={}",
                    ticket,
                    claim.kind().code(),
                    attempts);
        } catch (DeliveryException e) {
            if (e.permanent() || attempts >= backoff.maxAttempts()) {
                store.markFailed(claim.deliveryId(), attempts, e.getMessage());
                LOG.warn(
                        "mail failed: ticket={} kind={} attempts={} reason={}",
                        ticket,
                        claim.kind().code(),
                        attempts,
                        withoutAddresses(e.getMessage()));
            } else {
                Instant next = clock.instant().plus(backoff.delay(attempts, random));
                store.scheduleRetry(claim.deliveryId(), attempts, next, e.getMessage());
                LOG.info(
                        "mail deferred: ticket={} kind={} attempts={} next={} reason={}",
                        ticket,
                        claim.kind().code(),
                        attempts,
                        next,
                        withoutAddresses(e.getMessage()));
            }
        }
    }

    /** SMTP replies often repeat the recipient; the log keeps no addresses (the admin inbox shows the full reason). */
    private static String withoutAddresses(String text) {
        return String.valueOf(text).replaceAll("[^\\s<>\"',;:]+@[^\\s<>\"',;:]+", "[address]");
    }

    /** Lets the mail in hand finish, then stops; what is left stays queued for the next start. */
    @Override
    public void close() {
        running = false;
        wakeUp.release();
        try {
            thread.join(lease.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
