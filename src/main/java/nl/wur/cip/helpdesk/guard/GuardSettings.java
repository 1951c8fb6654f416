package nl.wur.cip.helpdesk.guard;

/**
 * Limits per client and on the answer work, from {@code HELPDESK_RATE_*} and {@code HELPDESK_WORK_*} (read by the root HelpdeskConfig). A rate of 0
 * turns that limit off (e.g. for a load test from one address).
 *
 * @param askPerMinute         questions per client per minute ({@code /api/ask}, {@code /api/ask/stream})
 * @param feedbackPerMinute    feedback posts per client per minute
 * @param escalationsPerHour   escalations per client per hour
 * @param assessPerMinute      checklist assessments per client per minute
 * @param loginsPerMinute      admin login attempts per client per minute (before the password throttle)
 * @param inFlightPerAddress   requests with a body one client address may have in progress at a time
 * @param workConcurrency      questions answered at the same time
 * @param workQueue            questions waiting for a free slot before the rest get 503
 * @param minFreeDiskMb        free space the data folder's disk keeps for escalations; below it optional writes get
 *                             503 (0 off)
 * @param optOutChecksPerMinute website opt-out checks per client per minute: each makes up to three requests to
 *                             someone else's site
 */
public record GuardSettings(
        int askPerMinute,
        int feedbackPerMinute,
        int escalationsPerHour,
        int assessPerMinute,
        int loginsPerMinute,
        int inFlightPerAddress,
        int workConcurrency,
        int workQueue,
        int minFreeDiskMb,
        int optOutChecksPerMinute) {
    /** No client limits, a gate wide enough never to refuse in a test, and no disk floor. */
    public static final GuardSettings UNLIMITED = new GuardSettings(0, 0, 0, 0, 0, 0, 64, 1024, 0, 0);

    public GuardSettings withMoreConcurrency(int extra) {
        return new GuardSettings(
                askPerMinute,
                feedbackPerMinute,
                escalationsPerHour,
                assessPerMinute,
                loginsPerMinute,
                inFlightPerAddress,
                workConcurrency + extra,
                workQueue,
                minFreeDiskMb,
                optOutChecksPerMinute);
    }

    /** These settings with other per-client limits, the work gate unchanged. */
    public GuardSettings withClientLimits(
            int ask, int feedback, int escalations, int assess, int logins, int inFlight) {
        return new GuardSettings(
                ask,
                feedback,
                escalations,
                assess,
                logins,
                inFlight,
                workConcurrency,
                workQueue,
                minFreeDiskMb,
                optOutChecksPerMinute);
    }

    /** These settings with another limit on opt-out checks per client. */
    public GuardSettings withOptOutChecksPerMinute(int checks) {
        return new GuardSettings(
                askPerMinute,
                feedbackPerMinute,
                escalationsPerHour,
                assessPerMinute,
                loginsPerMinute,
                inFlightPerAddress,
                workConcurrency,
                workQueue,
                minFreeDiskMb,
                checks);
    }
}
