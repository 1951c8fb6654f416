package nl.wur.cip.helpdesk.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.router.Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import nl.wur.cip.helpdesk.knowledge.Bilingual;
import nl.wur.cip.helpdesk.admin.AdminAuth;
import nl.wur.cip.helpdesk.answer.AnswerService;
import nl.wur.cip.helpdesk.checklist.ChecklistService;
import nl.wur.cip.helpdesk.escalation.EscalationService;
import nl.wur.cip.helpdesk.feedback.FeedbackStore;
import nl.wur.cip.helpdesk.feedback.UnansweredLog;
import nl.wur.cip.helpdesk.guard.GuardSettings;
import nl.wur.cip.helpdesk.guard.WorkGate;
import nl.wur.cip.helpdesk.ops.Metrics;
import nl.wur.cip.helpdesk.ops.RequestIds;
import nl.wur.cip.helpdesk.storage.DiskFloor;
import nl.wur.cip.helpdesk.storage.StorageException;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import nl.wur.cip.helpdesk.llm.LlmAnswerService;
import nl.wur.cip.helpdesk.optout.OptOutChecker;
import nl.wur.cip.helpdesk.optout.OptOutReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the JSON API and the web page. It starts before the index is built, answering
 * {@code 503} on {@code /api/health} and {@code /api/ask} until {@link #ready} hands it the answer service.
 */
public final class HelpdeskServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HelpdeskServer.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String REQUEST_ID = "requestId";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** Under every checklist report, in the report's language. */
    private static final Bilingual DISCLAIMER = new Bilingual("General guidance, not legal advice; the Copyright Information"
            + " Point can help with your own situation.", "Algemene informatie, geen juridisch advies; het Copyright Information"
            + " Point helpt bij je eigen situatie.");
    /** The page loads only its own scripts and styles, so injected markup could not run even if it got in. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors ";
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");

    private final AtomicReference<LlmAnswerService> answers = new AtomicReference<>();
    private final AtomicReference<ChecklistService> checklist = new AtomicReference<>();
    private final JsonRequests requests = new JsonRequests();
    private final AtomicReference<OptOutChecker> optOut = new AtomicReference<>();
    private final OptOutEndpoint optOutApi = new OptOutEndpoint(requests, () -> Optional.ofNullable(optOut.get()));
    private final Javalin app;
    private final WorkGate gate;
    private final Metrics metrics;

    /**
     * What the server stores and hands on, all available before the index is ready.
     *
     * @param embedOrigins the other sites (origins) that may show the chat in a frame (embed.js); none by default
     */
    public record Services(FeedbackStore feedback, UnansweredLog unanswered, EscalationService escalations,
                           Optional<AdminAuth> admin, GuardSettings guards, Optional<String> metricsToken, DiskFloor disk,
                           List<String> embedOrigins) {
        public Services withEmbedOrigins(List<String> origins) {
            return new Services(feedback, unanswered, escalations, admin, guards, metricsToken, disk, List.copyOf(origins));
        }
    }

    public HelpdeskServer(Path webDir, Services services, Clock clock) {
        GuardSettings guards = services.guards();
        String frameAncestors = services.embedOrigins().isEmpty() ? "'none'" : String.join(" ", services.embedOrigins());
        gate = new WorkGate(guards.workConcurrency(), guards.workQueue(), Duration.ofSeconds(2));
        ClientLimit askLimit = ClientLimit.perMinute(guards.askPerMinute(), new Bilingual("questions", "vragen"));
        ClientLimit feedbackLimit = ClientLimit.perMinute(guards.feedbackPerMinute(), new Bilingual("feedback posts", "feedbackberichten"));
        ClientLimit escalationLimit = ClientLimit.perHour(guards.escalationsPerHour(), new Bilingual("escalations", "doorverwijzingen"));
        ClientLimit assessLimit = ClientLimit.perMinute(guards.assessPerMinute(), new Bilingual("assessments", "beoordelingen"));
        ClientLimit loginLimit = ClientLimit.perMinute(guards.loginsPerMinute(), new Bilingual("login attempts", "aanmeldpogingen"));
        metrics = new Metrics(services.escalations()::deliveryCounts);
        AskEndpoint ask = new AskEndpoint(requests, () -> Optional.ofNullable(answers.get()), services.unanswered(),
                services.disk(), gate, metrics, clock);
        AskStreamEndpoint askStream = new AskStreamEndpoint(ask, requests.mapper());
        FeedbackEndpoint feedback = new FeedbackEndpoint(requests, services.feedback(), services.disk(), clock);
        ChecklistEndpoints checklistApi = new ChecklistEndpoints(requests, () -> Optional.ofNullable(checklist.get()),
                services.disk());
        EscalationEndpoint escalation = new EscalationEndpoint(requests, services.escalations(),
                () -> Optional.ofNullable(checklist.get()), DISCLAIMER);
        AdminEndpoints admin = new AdminEndpoints(requests, services.admin(), services.escalations(), services.feedback(),
                services.unanswered(), clock);
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = JsonRequests.READ_LIMIT_BYTES;
            config.http.prefer405over404 = true;
            if (Files.isDirectory(webDir)) {
                config.staticFiles.add(files -> {
                    files.hostedPath = "/";
                    files.directory = webDir.toAbsolutePath().toString();
                    files.location = Location.EXTERNAL;
                });
            } else {
                LOG.warn("web folder {} not found: serving the API only", webDir.toAbsolutePath());
            }
            // Requests in flight finish on shutdown (up to the stop timeout) before the database closes.
            QueuedThreadPool threads = new QueuedThreadPool(64, 8);
            metrics.bindThreadPool(threads);
            config.jetty.threadPool = threads;
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(STOP_TIMEOUT.toMillis());
                server.setErrorHandler(new JsonErrorHandler(requests.mapper()));
                server.insertHandler(new GracefulHandler());
                server.insertHandler(new InFlightPerAddress(guards.inFlightPerAddress()));
            });
            config.requestLogger.http((ctx, ms) -> {
                metrics.request(ctx.method().name(), route(ctx), ctx.statusCode(), ms);
                LOG.info("request id={} method={} path={} status={} ms={}", ctx.attribute(REQUEST_ID), ctx.method().name(),
                        RequestIds.loggable(ctx.path()), ctx.statusCode(), String.format(Locale.ROOT, "%.1f", ms));
            });
            config.routes.before(ctx -> {
                String id = RequestIds.next();
                ctx.attribute(REQUEST_ID, id);
                ctx.header("X-Request-Id", id);
                SECURITY_HEADERS.forEach(ctx::header);
                // Only the chat may be framed, and only by the sites set in HELPDESK_EMBED_ORIGINS; never the admin.
                boolean embeddable = !ctx.path().startsWith("/admin");
                ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY + (embeddable ? frameAncestors : "'none'"));
                if (ctx.path().startsWith("/api/") || ctx.path().startsWith("/admin")) {
                    ctx.header("Cache-Control", "no-store");
                }
                SameOrigin.check(ctx);
            });
            config.routes.get("/api/health/live", ctx -> json(ctx, 200, Map.of("status", "alive")));
            config.routes.get("/metrics", ctx -> {
                if (services.metricsToken().isPresent() && !MessageDigest.isEqual(
                        ("Bearer " + services.metricsToken().get()).getBytes(StandardCharsets.UTF_8),
                        String.valueOf(ctx.header("Authorization")).getBytes(StandardCharsets.UTF_8))) {
                    throw new ApiException(401, "send Authorization: Bearer <HELPDESK_METRICS_TOKEN>",
                            "stuur Authorization: Bearer <HELPDESK_METRICS_TOKEN>");
                }
                ctx.status(200).contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render());
            });
            config.routes.get("/api/health", ctx -> {
                if (answers.get() == null) {
                    ctx.header("Retry-After", "2");
                    json(ctx, 503, Map.of("status", "starting"));
                } else {
                    json(ctx, 200, Map.of("status", "ok", "llm", answers.get().llmEnabled()));
                }
            });
            config.routes.before("/api/ask", askLimit::check);
            config.routes.before("/api/ask/stream", askLimit::check);
            config.routes.before("/api/feedback", feedbackLimit::check);
            config.routes.before("/api/escalations", escalationLimit::check);
            config.routes.before("/api/checklist/assess", assessLimit::check);
            config.routes.before("/admin/api/login", loginLimit::check);
            config.routes.post("/api/ask", ctx -> json(ctx, 200, ask.handle(ctx)));
            config.routes.post("/api/ask/stream", askStream::handle);
            config.routes.post("/api/feedback", ctx -> json(ctx, 201, feedback.handle(ctx)));
            config.routes.get("/api/checklist", ctx -> json(ctx, 200, checklistApi.tree(ctx)));
            config.routes.post("/api/checklist/assess", ctx -> json(ctx, 200, checklistApi.assess(ctx)));
            config.routes.get("/api/checklist/assessments/{id}",
                    ctx -> ctx.status(200).contentType(JSON).result(checklistApi.stored(ctx)));
            config.routes.get("/api/checklist/assessments/{id}/report.md", ctx -> ctx.status(200)
                    .contentType("text/markdown; charset=utf-8").result(checklistApi.markdown(ctx, DISCLAIMER)));
            config.routes.post("/api/escalations", ctx -> json(ctx, 202, escalation.handle(ctx)));
            config.routes.get("/admin", ctx -> ctx.redirect("/admin.html"));
            config.routes.before("/admin/api/*", admin::guard);
            config.routes.post("/admin/api/login", ctx -> json(ctx, 200, admin.login(ctx)));
            config.routes.post("/admin/api/logout", ctx -> json(ctx, 200, admin.logout(ctx)));
            config.routes.get("/admin/api/session", ctx -> json(ctx, 200, admin.session(ctx)));
            config.routes.get("/admin/api/escalations", ctx -> json(ctx, 200, admin.list(ctx)));
            config.routes.get("/admin/api/escalations/{ticket}", ctx -> json(ctx, 200, admin.show(ctx)));
            config.routes.post("/admin/api/escalations/{ticket}/retry", ctx -> json(ctx, 200, admin.retry(ctx)));
            config.routes.post("/admin/api/escalations/{ticket}/handled", ctx -> json(ctx, 200, admin.handled(ctx)));
            config.routes.get("/admin/api/people/export", ctx -> json(ctx, 200, admin.exportPerson(ctx)));
            config.routes.post("/admin/api/people/delete", ctx -> json(ctx, 200, admin.deletePerson(ctx)));
            config.routes.get("/admin/api/feedback", ctx -> json(ctx, 200, admin.feedback(ctx)));
            config.routes.get("/admin/api/unanswered", ctx -> json(ctx, 200, admin.unanswered(ctx)));
            config.routes.post("/api/optout-check", ctx -> {
                CompletableFuture<OptOutReport> report = optOutApi.start(ctx);
                ctx.future(() -> report.thenAccept(done -> {
                    try {
                        json(ctx, 200, done);
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                }));
            });
            config.routes.exception(ApiException.class, this::refuse);
            config.routes.exception(WorkGate.Overloaded.class, (e, ctx) -> {
                ctx.header("Retry-After", "1");
                error(ctx, 503, new Bilingual(e.getMessage(), "de helpdesk is druk; probeer het zo opnieuw"));
            });
            // Javalin's own refusals (an unknown API path, a wrong method) in our words and the request's language.
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), switch (e.getStatus()) {
                case 404 -> noSuchEndpoint(ctx);
                case 405 -> methodNotAllowed(ctx);
                default -> new Bilingual(e.getMessage(), e.getMessage());
            }));
            config.routes.exception(Exception.class, (e, ctx) -> {
                if (e instanceof CompletionException && e.getCause() instanceof ApiException refusal) {
                    refuse(refusal, ctx); // from an endpoint answering later (ctx.future)
                    return;
                }
                Optional<StorageException> storage = cause(e, StorageException.class);
                if (storage.isPresent()) {
                    LOG.error("storage failed on {} {}: {}", ctx.method(), RequestIds.loggable(ctx.path()),
                            storage.get().getMessage());
                    ctx.header("Retry-After", "60");
                    error(ctx, 503, new Bilingual("the helpdesk cannot save anything at the moment; nothing was stored, please try again later",
                            "de helpdesk kan op dit moment niets opslaan; er is niets bewaard, probeer het later opnieuw"));
                    return;
                }
                if (unreadableRequest(e)) {
                    error(ctx, 400, new Bilingual("the request could not be read", "het verzoek kon niet worden gelezen"));
                    return;
                }
                LOG.error("unexpected error on {} {}", ctx.method(), RequestIds.loggable(ctx.path()), e);
                error(ctx, 500, ApiException.SERVER_FAULT);
            });
            config.routes.error(404, ctx -> {
                boolean answered = ctx.result() != null && !ctx.result().isEmpty();
                if (!answered && (ctx.path().startsWith("/api/") || ctx.path().startsWith("/admin/api/"))) {
                    error(ctx, 404, noSuchEndpoint(ctx));
                }
            });
            config.routes.error(405, ctx -> error(ctx, 405, methodNotAllowed(ctx)));
        });
    }

    private static Bilingual noSuchEndpoint(Context ctx) {
        String request = ctx.method() + " " + ctx.path();
        return new Bilingual("no such endpoint: " + request, "dit adres bestaat niet: " + request);
    }

    private static Bilingual methodNotAllowed(Context ctx) {
        return new Bilingual(ctx.method() + " is not allowed on " + ctx.path(), ctx.method() + " is niet toegestaan op " + ctx.path());
    }

    private void refuse(ApiException e, Context ctx) {
        if (e.status() == 503) {
            ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
        }
        error(ctx, e.status(), e.message(RequestLanguage.of(ctx)));
    }

    /** A client's broken request (bad framing, a body cut short) surfaces as Jetty's or an I/O exception: a 400, not a 500. */
    private static boolean unreadableRequest(Throwable e) {
        return cause(e, org.eclipse.jetty.http.HttpException.class).isPresent() || cause(e, java.io.IOException.class).isPresent();
    }

    private static <T> Optional<T> cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    /** The matched route pattern, so metrics have one series per route, not per path a scanner tried. */
    private static String route(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoint();
            if (endpoint != null && endpoint.path != null) {
                return endpoint.path;
            }
        } catch (RuntimeException e) {
            // no endpoint matched: a static file or nothing
        }
        return ctx.statusCode() == 404 ? "unmatched" : "static";
    }

    public HelpdeskServer start(int port) {
        app.start(port);
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Called once the index is built: from now on the helpdesk answers. */
    public void ready(AnswerService service) {
        ready(LlmAnswerService.extractiveOnly(service));
    }

    /** As {@link #ready(AnswerService)}, answering through the LLM when one is configured. */
    public void ready(LlmAnswerService service) {
        answers.set(service);
    }

    /** Called once the checklist is loaded; until then, or if it could not be, its endpoints answer 503. */
    public void checklistReady(ChecklistService service) {
        checklist.set(service);
    }

    /** Called once the opt-out checker is built; until then {@code /api/optout-check} answers 503. */
    public void optOutReady(OptOutChecker checker) {
        optOut.set(checker);
    }

    /** The metrics behind {@code /metrics}, for the parts wired outside the web server (the database pool). */
    public Metrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            metrics.close();
        }
    }

    private void json(Context ctx, int status, Object body) throws Exception {
        ctx.status(status).contentType(JSON).result(requests.mapper().writeValueAsString(body));
    }

    private void error(Context ctx, int status, Bilingual message) {
        error(ctx, status, message.in(RequestLanguage.of(ctx)));
    }

    private void error(Context ctx, int status, String message) {
        try {
            json(ctx, status, Map.of("error", message == null ? "request refused" : message));
        } catch (Exception e) {
            ctx.status(status).contentType(JSON).result("{\"error\":\"request refused\"}");
        }
    }
}
