package nl.wur.cip.helpdesk.web;

import static io.javalin.apibuilder.ApiBuilder.before;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import nl.wur.cip.helpdesk.optout.OptOutReport;

/**
 * The route table: every path the server answers, grouped as the API is (health and metrics, the researcher's API,
 * the checklist, the admin API), each with its per-client limit in front. The handlers live in the endpoint classes.
 * Admin routes that change something are listed in {@link #HANDLER_ONLY}: a viewer gets {@code 403} there.
 */
record Routes(
        JsonResponses responses,
        Handler health,
        Handler metrics,
        AskEndpoint ask,
        AskStreamEndpoint askStream,
        FeedbackEndpoint feedback,
        ChecklistEndpoints checklist,
        EscalationEndpoint escalation,
        AdminEndpoints admin,
        InsightEndpoints insight,
        KnowledgeReloadEndpoints reload,
        OptOutEndpoint optOut,
        Limits limits) {

    /** The admin routes only the handler role may use (under /admin/api). */
    static final List<String> HANDLER_ONLY = List.of(
            "/escalations/{ticket}/retry",
            "/escalations/{ticket}/handled",
            "/people/export",
            "/people/delete",
            "/insight/gaps/{id}/draft",
            "/knowledge/reload");

    /** The per-client limits in front of the endpoints that do work or store something. */
    record Limits(
            ClientLimit ask,
            ClientLimit feedback,
            ClientLimit escalations,
            ClientLimit assessments,
            ClientLimit logins) {}

    /** A text download: the endpoint names the file (Content-Disposition), this sets status and type. */
    private static Handler download(String contentType, Function<Context, String> body) {
        return ctx -> ctx.status(200).contentType(contentType).result(body.apply(ctx));
    }

    void addTo(RoutesConfig routes) {
        routes.apiBuilder(() -> {
            get("/metrics", metrics);
            get("/admin", ctx -> ctx.redirect("/admin.html"));
            path("/api", () -> {
                get("/health", health);
                get("/health/live", ctx -> responses.send(ctx, 200, Map.of("status", "alive")));
                before("/ask", limits.ask()::check);
                post("/ask", ctx -> responses.send(ctx, 200, ask.handle(ctx)));
                before("/ask/stream", limits.ask()::check);
                post("/ask/stream", askStream::handle);
                before("/feedback", limits.feedback()::check);
                post("/feedback", ctx -> responses.send(ctx, 201, feedback.handle(ctx)));
                before("/escalations", limits.escalations()::check);
                post("/escalations", ctx -> responses.send(ctx, 202, escalation.handle(ctx)));
                post("/optout-check", ctx -> {
                    CompletableFuture<OptOutReport> report = optOut.start(ctx);
                    ctx.future(() -> report.thenAccept(done -> {
                        try {
                            responses.send(ctx, 200, done);
                        } catch (Exception e) {
                            throw new CompletionException(e);
                        }
                    }));
                });
                path("/checklist", () -> {
                    get(ctx -> responses.send(ctx, 200, checklist.tree(ctx)));
                    before("/assess", limits.assessments()::check);
                    post("/assess", ctx -> responses.send(ctx, 200, checklist.assess(ctx)));
                    get(
                            "/assessments/{id}",
                            ctx -> ctx.status(200)
                                    .contentType(JsonResponses.JSON)
                                    .result(checklist.stored(ctx)));
                    get(
                            "/assessments/{id}/report.md",
                            ctx -> ctx.status(200)
                                    .contentType("text/markdown; charset=utf-8")
                                    .result(checklist.markdown(ctx)));
                });
            });
            path("/admin/api", () -> {
                before("/login", limits.logins()::check);
                before("/oidc/*", limits.logins()::check);
                before("/*", admin::guard);
                HANDLER_ONLY.forEach(route -> before(route, admin::handlerOnly));
                post("/login", ctx -> responses.send(ctx, 200, admin.login(ctx)));
                get("/login-options", ctx -> responses.send(ctx, 200, admin.loginOptions(ctx)));
                get("/oidc/start", admin::oidcStart);
                get("/oidc/callback", admin::oidcCallback);
                get("/audit", ctx -> responses.send(ctx, 200, admin.audit(ctx)));
                post("/logout", ctx -> responses.send(ctx, 200, admin.logout(ctx)));
                get("/session", ctx -> responses.send(ctx, 200, admin.session(ctx)));
                get("/escalations", ctx -> responses.send(ctx, 200, admin.list(ctx)));
                get("/escalations/{ticket}", ctx -> responses.send(ctx, 200, admin.show(ctx)));
                post("/escalations/{ticket}/retry", ctx -> responses.send(ctx, 200, admin.retry(ctx)));
                post("/escalations/{ticket}/handled", ctx -> responses.send(ctx, 200, admin.handled(ctx)));
                get("/people/export", ctx -> responses.send(ctx, 200, admin.exportPerson(ctx)));
                post("/people/delete", ctx -> responses.send(ctx, 200, admin.deletePerson(ctx)));
                get("/feedback", ctx -> responses.send(ctx, 200, admin.feedback(ctx)));
                get("/unanswered", ctx -> responses.send(ctx, 200, admin.unanswered(ctx)));
                get("/insight", ctx -> responses.send(ctx, 200, insight.counts(ctx)));
                get("/insight/gaps", ctx -> responses.send(ctx, 200, insight.gaps(ctx)));
                get("/insight/gaps/{id}/draft.md", download("text/markdown; charset=utf-8", insight::draft));
                post("/insight/gaps/{id}/draft", ctx -> responses.send(ctx, 201, insight.saveDraft(ctx)));
                get("/insight/counts.csv", download("text/csv; charset=utf-8", insight::csv));
                get("/knowledge", ctx -> responses.send(ctx, 200, reload.status()));
                post("/knowledge/reload", ctx -> responses.send(ctx, 202, reload.reload(ctx)));
            });
        });
    }
}
