package nl.wur.cip.helpdesk.web;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import nl.wur.cip.helpdesk.insight.ContentGaps;
import nl.wur.cip.helpdesk.insight.Insights;

/**
 * The insight page's API under {@code /admin/api/insight} (behind the admin guard): the counts of a period, its content
 * gaps and the counts as CSV. The gaps need the embedding model, so until the knowledge is loaded all three answer 503.
 */
final class InsightEndpoints {
    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;

    /** What the page reads, handed over once the knowledge and the embedding model are loaded. */
    record Sources(Insights counts, ContentGaps gaps) {}

    private final AtomicReference<Sources> sources = new AtomicReference<>();

    void ready(Sources ready) {
        sources.set(ready);
    }

    Insights.Report counts(Context ctx) {
        return sources().counts().report(days(ctx));
    }

    ContentGaps.Report gaps(Context ctx) {
        return sources().gaps().report(days(ctx));
    }

    String csv(Context ctx) {
        Insights.Report report = sources().counts().report(days(ctx));
        ctx.header(
                "Content-Disposition",
                "attachment; filename=\"helpdesk-counts-" + report.from() + "-to-" + report.to() + ".csv\"");
        return Insights.csv(report);
    }

    private Sources sources() {
        return Optional.ofNullable(sources.get())
                .orElseThrow(() -> new ApiException(
                        503,
                        "the helpdesk is starting; the insight page is ready in a few seconds",
                        "de helpdesk start nog op; het inzichtoverzicht is over een paar seconden klaar"));
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
