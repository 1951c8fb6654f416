package nl.wur.cip.helpdesk.web;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import nl.wur.cip.helpdesk.insight.ContentGaps;
import nl.wur.cip.helpdesk.insight.Insights;

/**
 * The insight page's API under {@code /admin/api/insight} (behind the admin guard): the counts of a period, its content
 * gaps and the counts as CSV. The gaps need the embedding model, so until the knowledge is loaded all three answer 503.
 */
final class InsightEndpoints {
    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;

    private final AtomicReference<Insights> counts = new AtomicReference<>();
    private final Supplier<Optional<ContentGaps>> gaps;

    /** @param gaps the gaps of the knowledge that answers now: a reload replaces them, as they name its cards */
    InsightEndpoints(Supplier<Optional<ContentGaps>> gaps) {
        this.gaps = gaps;
    }

    /** Called once the knowledge and the embedding model are loaded. */
    void ready(Insights ready) {
        counts.set(ready);
    }

    Insights.Report counts(Context ctx) {
        return counts().report(days(ctx));
    }

    ContentGaps.Report gaps(Context ctx) {
        counts();
        return gaps.get().orElseThrow(InsightEndpoints::starting).report(days(ctx));
    }

    String csv(Context ctx) {
        Insights.Report report = counts().report(days(ctx));
        ctx.header(
                "Content-Disposition",
                "attachment; filename=\"helpdesk-counts-" + report.from() + "-to-" + report.to() + ".csv\"");
        return Insights.csv(report);
    }

    private Insights counts() {
        return Optional.ofNullable(counts.get()).orElseThrow(InsightEndpoints::starting);
    }

    private static ApiException starting() {
        return new ApiException(
                503,
                "the helpdesk is starting; the insight page is ready in a few seconds",
                "de helpdesk start nog op; het inzichtoverzicht is over een paar seconden klaar");
    }

    /** {@code ?days=N}: the period, today included; 30 without it. */
    static int days(Context ctx) {
        String value = ctx.queryParam("days");
        if (value == null || value.isEmpty()) {
            return DEFAULT_DAYS;
        }
        try {
            int days = Integer.parseInt(value.strip());
            if (days >= 1 && days <= MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ApiException(
                400,
                "'days' must be a whole number from 1 to " + MAX_DAYS,
                "'days' moet een geheel getal van 1 tot en met " + MAX_DAYS + " zijn");
    }
}
