package nl.wur.cip.helpdesk.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import nl.wur.cip.helpdesk.checklist.AssessmentStore;
import nl.wur.cip.helpdesk.feedback.FeedbackStore;
import nl.wur.cip.helpdesk.feedback.UnansweredLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes data once it is no longer needed: the researcher's details in escalations handled longer ago than the
 * retention period, and logged unanswered questions, feedback and checklist records older than it.
 */
public final class RetentionJob implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final EscalationStore escalations;
    private final UnansweredLog unanswered;
    private final FeedbackStore feedback;
    private final AssessmentStore assessments;
    private final Duration retention;
    private final Clock clock;

    public RetentionJob(
            EscalationStore escalations,
            UnansweredLog unanswered,
            FeedbackStore feedback,
            AssessmentStore assessments,
            Duration retention,
            Clock clock) {
        this.escalations = escalations;
        this.unanswered = unanswered;
        this.feedback = feedback;
        this.assessments = assessments;
        this.retention = retention;
        this.clock = clock;
    }

    /** What one run deleted. */
    public record Result(int escalationsPurged, int questionsDeleted, int feedbackDeleted, int assessmentsDeleted) {}

    public Result runOnce() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(retention);
        Result result = new Result(
                escalations.purgeHandledBefore(cutoff, now),
                unanswered.deleteBefore(cutoff),
                feedback.deleteBefore(cutoff),
                assessments.deleteBefore(cutoff));
        if (result.escalationsPurged()
                        + result.questionsDeleted()
                        + result.feedbackDeleted()
                        + result.assessmentsDeleted()
                > 0) {
            LOG.info(
                    "retention: deleted the personal data of {} handled escalations, {} logged questions, {} feedback"
                            + " entries and {} checklist records older than {} days",
                    result.escalationsPurged(),
                    result.questionsDeleted(),
                    result.feedbackDeleted(),
                    result.assessmentsDeleted(),
                    retention.toDays());
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
