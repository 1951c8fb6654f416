package nl.wur.cip.helpdesk.escalation;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to try a mail again: exponential from {@code base}, capped, with jitter so a mail server coming back is
 * not hit by every waiting mail at once; after {@code maxAttempts} the mail is marked failed for the admin.
 */
public record Backoff(Duration base, Duration cap, int maxAttempts) {
    /** Thirty seconds doubling up to an hour: about two days of attempts before giving up. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), 60);

    /** The wait after the given number of failed attempts (1 for the first failure): between half and all of the step. */
    public Duration delay(int failedAttempts, RandomGenerator random) {
        double step = base.toMillis() * Math.pow(2, Math.min(failedAttempts - 1, 30));
        double capped = Math.min(step, cap.toMillis());
        return Duration.ofMillis((long) (capped / 2 + random.nextDouble() * capped / 2));
    }
}
