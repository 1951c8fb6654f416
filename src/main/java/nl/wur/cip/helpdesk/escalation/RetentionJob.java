package nl.wur.cip.helpdesk.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import nl.wur.cip.helpdesk.feedback.UnansweredLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes personal data once it is no longer needed: the researcher's details in escalations handled longer ago
 * than the retention period, and logged unanswered questions older than it.
 */
public final class RetentionJob implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final EscalationStore escalations;
    private final UnansweredLog unanswered;
    private final Duration retention;
    private final Clock clock;

    public RetentionJob(EscalationStore escalations, UnansweredLog unanswered, Duration retention, Clock clock) {
        this.escalations = escalations;
        this.unanswered = unanswered;
        this.retention = retention;
        this.clock = clock;
    }

    /** What one run deleted. */
    public record Result(int escalationsPurged, int questionsDeleted) {
    }

    public Result runOnce() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(retention);
        Result result = new Result(escalations.purgeHandledBefore(cutoff, now), unanswered.deleteBefore(cutoff));
        if (result.escalationsPurged() + result.questionsDeleted() > 0) {
            LOG.info("retention: deleted the personal data of {} handled escalations and {} logged questions older than {} days",
                    result.escalationsPurged(), result.questionsDeleted(), retention.toDays());
        }
        return result;
    }

    @Override
    public void run() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.error("retention run failed: {}", e.getMessage());
        }
    }
}
