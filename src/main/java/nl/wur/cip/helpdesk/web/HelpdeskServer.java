package nl.wur.cip.helpdesk.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.router.Endpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import nl.wur.cip.helpdesk.admin.AdminAuth;
import nl.wur.cip.helpdesk.checklist.ChecklistService;
import nl.wur.cip.helpdesk.escalation.EscalationService;
import nl.wur.cip.helpdesk.feedback.FeedbackStore;
import nl.wur.cip.helpdesk.feedback.UnansweredLog;
import nl.wur.cip.helpdesk.guard.GuardSettings;
import nl.wur.cip.helpdesk.guard.WorkGate;
import nl.wur.cip.helpdesk.insight.AnswerRecorder;
import nl.wur.cip.helpdesk.insight.CardDrafts;
import nl.wur.cip.helpdesk.insight.ContentGaps;
import nl.wur.cip.helpdesk.insight.Insights;
import nl.wur.cip.helpdesk.knowledge.Bilingual;
import nl.wur.cip.helpdesk.llm.LlmAnswerService;
import nl.wur.cip.helpdesk.ops.Metrics;
import nl.wur.cip.helpdesk.ops.RequestIds;
import nl.wur.cip.helpdesk.optout.OptOutChecker;
import nl.wur.cip.helpdesk.reload.KnowledgeReloader;
import nl.wur.cip.helpdesk.reload.LiveKnowledge;
import nl.wur.cip.helpdesk.storage.DiskFloor;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the JSON API and the web page. It starts before the index is built, answering
 * {@code 503} on {@code /api/health} and {@code /api/ask} until {@link #ready} hands it the answer service.
 */
public final class HelpdeskServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HelpdeskServer.class);
    private static final String REQUEST_ID = "requestId";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** The page loads only its own scripts and styles, so injected markup could not run even if it got in. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors ";

    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");

    private final LiveKnowledge knowledge;
    private final JsonRequests requests = new JsonRequests();
    private final AtomicReference<OptOutChecker> optOut = new AtomicReference<>();
    private final Javalin app;
    private final WorkGate gate;
    private final Metrics metrics;
    private final AnswerRecorder answerRecords;
    private final InsightEndpoints insight;
    private final KnowledgeReloadEndpoints reload;

    /**
     * What the server stores and hands on, all available before the index is ready.
     *
     * @param embedOrigins the other sites (origins) that may show the chat in a frame (embed.js); none by default
     * @param answerRecords where every answer is counted for the insight page; the server closes it when it stops,
     *                      after the last request and before the database closes
     */
    public record Services(
            FeedbackStore feedback,
            UnansweredLog unanswered,
            EscalationService escalations,
            Optional<AdminAuth> admin,
            GuardSettings guards,
            Optional<String> metricsToken,
            DiskFloor disk,
            List<String> embedOrigins,
            AnswerRecorder answerRecords) {
        public Services withEmbedOrigins(List<String> origins) {
            return new Services(
                    feedback,
                    unanswered,
                    escalations,
                    admin,
                    guards,
                    metricsToken,
                    disk,
                    List.copyOf(origins),
                    answerRecords);
        }
    }

    public HelpdeskServer(Path webDir, Services services, Clock clock) {
        GuardSettings guards = services.guards();
        knowledge = new LiveKnowledge(clock);
        String frameAncestors =
                services.embedOrigins().isEmpty() ? "'none'" : String.join(" ", services.embedOrigins());
        gate = new WorkGate(guards.workConcurrency(), guards.workQueue(), Duration.ofSeconds(2));
        ClientLimit askLimit = ClientLimit.perMinute(guards.askPerMinute(), new Bilingual("questions", "vragen"));
        ClientLimit feedbackLimit =
                ClientLimit.perMinute(guards.feedbackPerMinute(), new Bilingual("feedback posts", "feedbackberichten"));
        ClientLimit escalationLimit =
                ClientLimit.perHour(guards.escalationsPerHour(), new Bilingual("escalations", "doorverwijzingen"));
        ClientLimit assessLimit =
                ClientLimit.perMinute(guards.assessPerMinute(), new Bilingual("assessments", "beoordelingen"));
        ClientLimit loginLimit =
                ClientLimit.perMinute(guards.loginsPerMinute(), new Bilingual("login attempts", "aanmeldpogingen"));
        metrics = new Metrics(services.escalations()::deliveryCounts);
        answerRecords = services.answerRecords();
        metrics.countAnswerRecordsDropped(answerRecords::dropped);
        AskEndpoint ask = new AskEndpoint(
                requests,
                () -> knowledge.current().answers(),
                services.unanswered(),
                answerRecords,
                services.disk(),
                gate,
                metrics,
                clock);
        AskStreamEndpoint askStream = new AskStreamEndpoint(ask, requests.mapper());
        OptOutEndpoint optOutApi =
                new OptOutEndpoint(requests, () -> Optional.ofNullable(optOut.get()), guards.optOutChecksPerMinute());
        FeedbackEndpoint feedback = new FeedbackEndpoint(requests, services.feedback(), services.disk(), clock);
        ChecklistEndpoints checklistApi =
                new ChecklistEndpoints(requests, () -> knowledge.current().checklist(), services.disk());
        EscalationEndpoint escalation = new EscalationEndpoint(
                requests, services.escalations(), () -> knowledge.current().checklist());
        AdminEndpoints admin = new AdminEndpoints(
                requests, services.admin(), services.escalations(), services.feedback(), services.unanswered(), clock);
        insight = new InsightEndpoints(admin, () -> knowledge.current().gaps());
        reload = new KnowledgeReloadEndpoints(admin);
        JsonResponses responses = new JsonResponses(requests.mapper());
        Routes routes = new Routes(
                responses,
                ctx -> health(ctx, responses),
                ctx -> metrics(ctx, services.metricsToken()),
                ask,
                askStream,
                feedback,
                checklistApi,
                escalation,
                admin,
                insight,
                reload,
                optOutApi,
                new Routes.Limits(askLimit, feedbackLimit, escalationLimit, assessLimit, loginLimit));
        ErrorMapping errors = new ErrorMapping(responses);
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
                LOG.info(
                        "request id={} method={} path={} status={} ms={}",
                        ctx.attribute(REQUEST_ID),
                        ctx.method().name(),
                        RequestIds.loggable(ctx.path()),
                        ctx.statusCode(),
                        String.format(Locale.ROOT, "%.1f", ms));
            });
            config.routes.before(ctx -> {
                String id = RequestIds.next();
                ctx.attribute(REQUEST_ID, id);
                ctx.header("X-Request-Id", id);
                SECURITY_HEADERS.forEach(ctx::header);
                // Only the chat may be framed, and only by the sites set in HELPDESK_EMBED_ORIGINS; never the admin.
                boolean embeddable = !ctx.path().startsWith("/admin");
                ctx.header(
                        "Content-Security-Policy", CONTENT_SECURITY_POLICY + (embeddable ? frameAncestors : "'none'"));
                if (ctx.path().startsWith("/api/") || ctx.path().startsWith("/admin")) {
                    ctx.header("Cache-Control", "no-store");
                }
                SameOrigin.check(ctx);
            });
            routes.addTo(config.routes);
            errors.addTo(config.routes);
        });
    }

    private void health(Context ctx, JsonResponses responses) throws Exception {
        Optional<LlmAnswerService> answers = knowledge.current().answers();
        if (answers.isEmpty()) {
            ctx.header("Retry-After", "2");
            responses.send(ctx, 503, Map.of("status", "starting"));
        } else {
            responses.send(ctx, 200, Map.of("status", "ok", "llm", answers.get().llmEnabled()));
        }
    }

    private void metrics(Context ctx, Optional<String> token) {
        if (token.isPresent()
                && !MessageDigest.isEqual(
                        ("Bearer " + token.get()).getBytes(StandardCharsets.UTF_8),
                        String.valueOf(ctx.header("Authorization")).getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(
                    401,
                    "send Authorization: Bearer <HELPDESK_METRICS_TOKEN>",
                    "stuur Authorization: Bearer <HELPDESK_METRICS_TOKEN>");
        }
        ctx.status(200).contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render());
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

    /** Called once the index is built: from now on the helpdesk answers (through the LLM when one is configured). */
    public void ready(LlmAnswerService service) {
        knowledge.update(generation -> generation.withAnswers(service));
    }

    /** Called once the checklist is loaded; until then, or if it could not be, its endpoints answer 503. */
    public void checklistReady(ChecklistService service) {
        knowledge.update(generation -> generation.withChecklist(service));
    }

    /** Called once the knowledge and its embedding model are loaded; until then the insight API answers 503. */
    public void insightReady(Insights counts, ContentGaps gaps, CardDrafts drafts) {
        knowledge.update(generation -> generation.withGaps(gaps));
        insight.ready(new InsightEndpoints.Sources(counts, drafts));
    }

    /**
     * The knowledge that answers: the start hands it over whole ({@link LiveKnowledge#switchTo}) or in parts (the
     * methods above), and a reload switches it. Every request reads it once.
     */
    public LiveKnowledge knowledge() {
        return knowledge;
    }

    /** Called once the knowledge loaded at start: from now on an admin can reload it; until then 503. */
    public void reloadReady(KnowledgeReloader reloader) {
        reload.ready(reloader);
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
            try {
                answerRecords.close(); // the requests are done: what they queued is written now
            } finally {
                metrics.close();
            }
        }
    }
}
