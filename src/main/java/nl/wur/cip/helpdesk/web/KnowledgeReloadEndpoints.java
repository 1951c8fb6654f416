package nl.wur.cip.helpdesk.web;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import nl.wur.cip.helpdesk.admin.AdminIdentity;
import nl.wur.cip.helpdesk.admin.AuditLog;
import nl.wur.cip.helpdesk.reload.KnowledgeReloader;
import nl.wur.cip.helpdesk.reload.ReloadResult;

/**
 * The knowledge reload in the admin API: {@code GET /admin/api/knowledge} (the generation that answers, a reload under
 * way, the last result with its problems or its question-set diff) and {@code POST /admin/api/knowledge/reload}
 * (handler only), which starts one and answers at once: a reload takes seconds to a minute, the page polls.
 */
final class KnowledgeReloadEndpoints {
    private final AdminEndpoints admin;
    private final AtomicReference<KnowledgeReloader> reloader = new AtomicReference<>();

    KnowledgeReloadEndpoints(AdminEndpoints admin) {
        this.admin = admin;
    }

    void ready(KnowledgeReloader ready) {
        reloader.set(ready);
    }

    KnowledgeReloader.Status status() {
        return reloader().status();
    }

    /** Starts a reload; who asked is written to the audit list with how it ended. */
    Map<String, Object> reload(Context ctx) {
        AdminIdentity who = AdminEndpoints.who(ctx);
        KnowledgeReloader.Start start =
                reloader().start("admin", result -> admin.record(who, AuditLog.Action.RELOAD, summary(result)));
        return switch (start) {
            case STARTED -> Map.of("status", "started");
            case BUSY ->
                throw new ApiException(
                        409,
                        "a reload is already running; wait for its result",
                        "er loopt al een herlaadactie; wacht op het resultaat");
            case NOT_READY -> throw starting();
        };
    }

    /** What the audit list says of a reload: its result and the generation that answers after it. */
    static String summary(ReloadResult result) {
        if (result.switched()) {
            return "switched to generation " + result.generation();
        }
        int problems = result.problems().size();
        int failing = result.diff().map(d -> d.newlyFailing().size()).orElse(0);
        return "refused (" + (problems > 0 ? problems + " file problem(s)" : failing + " question(s) newly failing")
                + "), generation " + result.generation() + " kept";
    }

    private KnowledgeReloader reloader() {
        return Optional.ofNullable(reloader.get()).orElseThrow(KnowledgeReloadEndpoints::starting);
    }

    private static ApiException starting() {
        return new ApiException(
                503,
                "the helpdesk is starting; the knowledge can be reloaded once it has loaded",
                "de helpdesk start nog op; de kennis kan opnieuw geladen worden zodra die geladen is");
    }
}
