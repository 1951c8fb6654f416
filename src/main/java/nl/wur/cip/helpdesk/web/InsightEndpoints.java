package nl.wur.cip.helpdesk.web;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import nl.wur.cip.helpdesk.admin.AuditLog;
import nl.wur.cip.helpdesk.insight.CardDraft;
import nl.wur.cip.helpdesk.insight.CardDrafts;
import nl.wur.cip.helpdesk.insight.ContentGaps;
import nl.wur.cip.helpdesk.insight.Insights;

/**
 * The insight page's API under {@code /admin/api/insight} (behind the admin guard): the counts of a period, its content
 * gaps, the counts as CSV, and a gap drafted as a card (downloaded, or saved in the drafts folder by a handler). The
 * gaps need the embedding model, so until the knowledge is loaded all answer 503.
 */
final class InsightEndpoints {
    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;

    /** What the page reads besides the gaps, handed over once the knowledge and the embedding model are loaded. */
    record Sources(Insights counts, CardDrafts drafts) {}

    private final AtomicReference<Sources> sources = new AtomicReference<>();
    private final Supplier<Optional<ContentGaps>> gaps;
    private final AdminEndpoints admin;

    /**
     * @param admin where a saved draft is written to the audit list with who saved it
     * @param gaps  the gaps of the knowledge that answers now: a reload replaces them, as they name its cards
     */
    InsightEndpoints(AdminEndpoints admin, Supplier<Optional<ContentGaps>> gaps) {
        this.admin = admin;
        this.gaps = gaps;
    }

    void ready(Sources ready) {
        sources.set(ready);
    }

    Insights.Report counts(Context ctx) {
        return sources().counts().report(days(ctx));
    }

    ContentGaps.Report gaps(Context ctx) {
        return gaps().report(days(ctx));
    }

    String csv(Context ctx) {
        Insights.Report report = sources().counts().report(days(ctx));
        ctx.header(
                "Content-Disposition",
                "attachment; filename=\"helpdesk-counts-" + report.from() + "-to-" + report.to() + ".csv\"");
        return Insights.csv(report);
    }

    /** {@code GET …/gaps/{id}/draft.md}: the gap's draft card as a download. */
    String draft(Context ctx) {
        ContentGaps from = gaps();
        ContentGaps.Gap gap = gap(ctx, from);
        ctx.header("Content-Disposition", "attachment; filename=\"" + CardDraft.fileName(gap.id()) + "\"");
        return sources().drafts().markdown(gap, from::card);
    }

    /** {@code POST …/gaps/{id}/draft}: saves the draft in the drafts folder; one already there is never replaced. */
    CardDrafts.Saved saveDraft(Context ctx) {
        ContentGaps from = gaps();
        ContentGaps.Gap gap = gap(ctx, from);
        CardDrafts.Saved saved;
        try {
            saved = sources().drafts().save(gap, from::card);
        } catch (CardDrafts.AlreadyThere e) {
            throw new ApiException(
                    409,
                    e.file() + " is already in the drafts folder; move or delete it there to draft this gap again",
                    e.file() + " staat al in de map met concepten; verplaats of verwijder het daar om"
                            + " opnieuw een concept van dit gat te maken");
        }
        admin.record(ctx, AuditLog.Action.DRAFT, saved.file() + " (" + gap.id() + ")");
        return saved;
    }

    /** The gap of the path's id among the gaps of the period asked for. */
    private static ContentGaps.Gap gap(Context ctx, ContentGaps from) {
        String id = ctx.pathParam("id");
        int days = days(ctx);
        return from.report(days).gaps().stream()
                .filter(g -> g.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new ApiException(
                        404,
                        "no content gap with this id in the last " + days + " days",
                        "geen gat in de kennis met deze id in de laatste " + days + " dagen"));
    }

    private Sources sources() {
        return Optional.ofNullable(sources.get()).orElseThrow(InsightEndpoints::starting);
    }

    private ContentGaps gaps() {
        sources();
        return gaps.get().orElseThrow(InsightEndpoints::starting);
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
