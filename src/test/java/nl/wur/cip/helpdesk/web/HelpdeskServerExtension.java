package nl.wur.cip.helpdesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLSession;
import nl.wur.cip.helpdesk.TestHelpdesk;
import nl.wur.cip.helpdesk.admin.AdminAuth;
import nl.wur.cip.helpdesk.checklist.AssessmentStore;
import nl.wur.cip.helpdesk.checklist.ChecklistService;
import nl.wur.cip.helpdesk.escalation.Backoff;
import nl.wur.cip.helpdesk.escalation.DeliveryWorker;
import nl.wur.cip.helpdesk.escalation.EscalationService;
import nl.wur.cip.helpdesk.escalation.EscalationStore;
import nl.wur.cip.helpdesk.escalation.MailComposer;
import nl.wur.cip.helpdesk.escalation.SmtpMailer;
import nl.wur.cip.helpdesk.escalation.SmtpSettings;
import nl.wur.cip.helpdesk.feedback.FeedbackStore;
import nl.wur.cip.helpdesk.feedback.UnansweredLog;
import nl.wur.cip.helpdesk.guard.GuardSettings;
import nl.wur.cip.helpdesk.insight.AnswerRecordStore;
import nl.wur.cip.helpdesk.insight.AnswerRecorder;
import nl.wur.cip.helpdesk.knowledge.KnowledgeLoader;
import nl.wur.cip.helpdesk.knowledge.Messages;
import nl.wur.cip.helpdesk.llm.FakeOpenAi;
import nl.wur.cip.helpdesk.llm.LlmAnswerService;
import nl.wur.cip.helpdesk.optout.OptOutChecker;
import nl.wur.cip.helpdesk.optout.OptOutConfig;
import nl.wur.cip.helpdesk.reload.KnowledgeReloader;
import nl.wur.cip.helpdesk.storage.Database;
import nl.wur.cip.helpdesk.storage.DiskFloor;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The API tests' fixture: the real {@link HelpdeskServer} on a random port over a real H2 database in a temporary
 * data folder, with one shared HTTP client and small request helpers.
 *
 * <p>Register it with {@code @RegisterExtension} on a {@code static} field for one server per test class, on an
 * instance field for a fresh one per test, or {@link Builder#start() start} one inside a test (close it after). What
 * differs between tests (limits, admin password, mail server, clock, LLM fake, checklist, opt-out checker) is set on
 * the {@link #builder()}.
 */
public final class HelpdeskServerExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, AutoCloseable {
    /** The office address and the sender of the mails. */
    public static final String OFFICE = "copyright@wur.nl";

    public static final String MAIL_FROM = "helpdesk@cip.test";
    /** One client for all tests: it is thread-safe, and every new one starts threads of its own. */
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Builder settings;
    private boolean perClass;
    private Path dataDir;
    private Database database;
    private HelpdeskServer.Services services;
    private HelpdeskServer server;
    private GreenMail mailbox;
    private DeliveryWorker worker;
    private FakeOpenAi fakeLlm;
    private LlmAnswerService answers;
    private OptOutChecker optOut;
    private ReloadableKnowledge reloadable;

    private HelpdeskServerExtension(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What the server is started with; everything off or unlimited unless asked for. */
    public static final class Builder {
        private GuardSettings guards = GuardSettings.UNLIMITED;
        private Optional<String> metricsToken = Optional.empty();
        private Optional<String> adminPassword = Optional.empty();
        private boolean mail;
        private Clock clock = Clock.systemUTC();
        private Optional<Supplier<LlmAnswerService>> answers = Optional.of(TestHelpdesk::extractive);
        private Optional<Duration> fakeLlmTimeout = Optional.empty();
        private boolean checklist;
        private Optional<OptOutConfig> optOut = Optional.empty();
        private Optional<Long> diskFloorBytes = Optional.empty();
        private boolean reloadable;

        private Builder() {}

        /**
         * Serves a copy of the shipped knowledge in the data folder ({@link #knowledgeDir()}), built as the server
         * builds it (answers, checklist, content gaps, insight counts), with a real reloader over it ({@link
         * #reloader()}): a test edits the copy and reloads.
         */
        public Builder reloadableKnowledge() {
            this.reloadable = true;
            this.answers = Optional.empty();
            this.fakeLlmTimeout = Optional.empty();
            return this;
        }

        public Builder guards(GuardSettings limits) {
            this.guards = limits;
            return this;
        }

        public Builder metricsToken(String token) {
            this.metricsToken = Optional.of(token);
            return this;
        }

        /** Turns the admin inbox on with this password. */
        public Builder adminPassword(String password) {
            this.adminPassword = Optional.of(password);
            return this;
        }

        /** Escalations are mailed by the real delivery worker to a GreenMail server ({@link #mailbox()}). */
        public Builder mail() {
            this.mail = true;
            return this;
        }

        public Builder clock(Clock time) {
            this.clock = time;
            return this;
        }

        /** Answers with this service instead of the shared extractive one; the fixture closes it. */
        public Builder answers(Supplier<LlmAnswerService> service) {
            this.answers = Optional.of(service);
            this.fakeLlmTimeout = Optional.empty();
            return this;
        }

        /** No answer service: the server stays "starting" ({@code /api/ask} and health answer 503). */
        public Builder starting() {
            this.answers = Optional.empty();
            this.fakeLlmTimeout = Optional.empty();
            return this;
        }

        /** Answers through an LLM on a fake endpoint ({@link #fakeLlm()}) over the passages-only helpdesk. */
        public Builder fakeLlm(Duration timeout) {
            this.answers = Optional.empty();
            this.fakeLlmTimeout = Optional.of(timeout);
            return this;
        }

        /** Loads the shipped checklist, so its endpoints answer. */
        public Builder checklist() {
            this.checklist = true;
            return this;
        }

        /** An opt-out checker with these settings over the shipped knowledge ({@link #optOut()}). */
        public Builder optOut(OptOutConfig config) {
            this.optOut = Optional.of(config);
            return this;
        }

        /** The disk floor, measured on the fixture's data folder. */
        public Builder diskFloor(long minFreeBytes) {
            this.diskFloorBytes = Optional.of(minFreeBytes);
            return this;
        }

        public HelpdeskServerExtension build() {
            return new HelpdeskServerExtension(this);
        }

        /** Builds and starts a server for use within one test; close it (try-with-resources). */
        public HelpdeskServerExtension start() {
            return build().open();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        open();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            open();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            close();
        }
    }

    private HelpdeskServerExtension open() {
        try {
            dataDir = Files.createTempDirectory("helpdesk-test");
            database = Database.open(TestHelpdesk.config(dataDir).database());
            Clock clock = settings.clock;
            EscalationStore store = new EscalationStore(database);
            if (settings.mail) {
                mailbox = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
                mailbox.start();
                SmtpSettings smtp = new SmtpSettings(
                        "127.0.0.1",
                        mailbox.getSmtp().getPort(),
                        SmtpSettings.Tls.NONE,
                        Optional.empty(),
                        Optional.empty(),
                        MAIL_FROM,
                        Duration.ofSeconds(2));
                worker = new DeliveryWorker(
                                store,
                                new MailComposer(OFFICE, MAIL_FROM, 180, Messages.load(Path.of("knowledge"))),
                                new SmtpMailer(smtp),
                                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 5),
                                clock,
                                Duration.ofMillis(100),
                                Duration.ofSeconds(10))
                        .start();
            }
            EscalationService escalations = new EscalationService(
                    store, Optional.ofNullable(worker), settings.mail ? "cip.test" : "wur.nl", OFFICE, clock);
            Optional<AdminAuth> admin =
                    settings.adminPassword.map(password -> new AdminAuth(password, clock, database));
            DiskFloor disk = settings.diskFloorBytes
                    .map(bytes -> new DiskFloor(dataDir, bytes))
                    .orElse(DiskFloor.none());
            services = new HelpdeskServer.Services(
                    new FeedbackStore(database),
                    new UnansweredLog(database),
                    escalations,
                    admin,
                    settings.guards,
                    settings.metricsToken,
                    disk,
                    List.of(),
                    new AnswerRecorder(new AnswerRecordStore(database), AnswerRecorder.DEFAULT_QUEUE));
            server = new HelpdeskServer(Path.of("web"), services, clock).start(0);
            if (settings.fakeLlmTimeout.isPresent()) {
                fakeLlm = new FakeOpenAi();
                answers = LlmAnswerService.create(
                        TestHelpdesk.passagesOnly(), fakeLlm.config(settings.fakeLlmTimeout.get(), 2));
            } else {
                answers = settings.answers.map(Supplier::get).orElse(null);
            }
            if (answers != null) {
                server.ready(answers);
            }
            if (settings.checklist) {
                server.checklistReady(new ChecklistService(
                        TestHelpdesk.shared().checklist().orElseThrow(),
                        new AssessmentStore(database),
                        TestHelpdesk.shared().knowledge(),
                        clock));
            }
            if (settings.optOut.isPresent()) {
                optOut = OptOutChecker.create(
                        settings.optOut.get(),
                        Path.of("knowledge"),
                        new KnowledgeLoader().load(Path.of("knowledge")),
                        clock);
                server.optOutReady(optOut);
            }
            if (settings.reloadable) {
                reloadable = ReloadableKnowledge.serve(server, database, dataDir, clock);
            }
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Stops the server now, as a shutdown test needs; the database and the rest stay until the test ends. */
    public void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public void close() {
        stopServer();
        if (reloadable != null) {
            reloadable.close();
            reloadable = null;
        }
        if (answers != null) {
            answers.close();
            answers = null;
        }
        if (fakeLlm != null) {
            fakeLlm.close();
            fakeLlm = null;
        }
        if (optOut != null) {
            optOut.close();
            optOut = null;
        }
        if (worker != null) {
            worker.close();
            worker = null;
        }
        if (mailbox != null) {
            mailbox.stop();
            mailbox = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder left behind is no reason to fail a test
            }
            dataDir = null;
        }
    }

    public HelpdeskServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    public Database database() {
        return database;
    }

    public HelpdeskServer.Services services() {
        return services;
    }

    public Clock clock() {
        return settings.clock;
    }

    /** The GreenMail server the escalations are mailed to; only with {@link Builder#mail()}. */
    public GreenMail mailbox() {
        return mailbox;
    }

    /** The fake LLM endpoint; only with {@link Builder#fakeLlm}. */
    public FakeOpenAi fakeLlm() {
        return fakeLlm;
    }

    /** The knowledge folder the server reads; only with {@link Builder#reloadableKnowledge()}. */
    public Path knowledgeDir() {
        return reloadable.folder();
    }

    /** The reloader over {@link #knowledgeDir()}; only with {@link Builder#reloadableKnowledge()}. */
    public KnowledgeReloader reloader() {
        return reloadable.reloader();
    }

    /** The opt-out checker; only with {@link Builder#optOut}. */
    public OptOutChecker optOut() {
        return optOut;
    }

    public HttpClient client() {
        return CLIENT;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port() + path);
    }

    /** A request to the path, for the cases the helpers below do not cover (streams, asynchronous sends). */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path));
    }

    /** Logs in to the admin with the password; the session cookie ({@code name=value}) to send back. */
    public String adminCookie(String password) throws IOException, InterruptedException {
        Reply login = post("/admin/api/login", JSON.writeValueAsString(Map.of("password", password)));
        if (login.statusCode() != 200) {
            throw new IllegalStateException("admin login refused: " + login.body());
        }
        return login.header("Set-Cookie").orElseThrow().split(";")[0];
    }

    /** A GET; headers as name, value pairs, a null value leaving that header out. */
    public Reply get(String path, String... headers) throws IOException, InterruptedException {
        return send(withHeaders(request(path).GET(), headers).build());
    }

    /** A POST of JSON; headers as name, value pairs, a null value leaving that header out. */
    public Reply post(String path, String json, String... headers) throws IOException, InterruptedException {
        return send(withHeaders(
                        request(path)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json)),
                        headers)
                .build());
    }

    /** Any method, content type (null: none) and body (null: none), with the given headers. */
    public Reply send(String method, String path, String contentType, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        return sendBytes(
                method,
                path,
                contentType,
                body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                headers);
    }

    /** As {@link #send(String, String, String, String, Map)}, with a body of raw bytes (e.g. invalid UTF-8). */
    public Reply sendBytes(String method, String path, String contentType, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    public Reply send(HttpRequest request) throws IOException, InterruptedException {
        return new Reply(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder request, String... headers) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name, value pairs");
        }
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i + 1] != null) {
                request.header(headers[i], headers[i + 1]);
            }
        }
        return request;
    }

    /** A response as the client got it, with its body parsed as JSON on demand. */
    public record Reply(HttpResponse<String> response) implements HttpResponse<String> {
        public JsonNode json() throws IOException {
            return JSON.readTree(response.body());
        }

        public Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        @Override
        public int statusCode() {
            return response.statusCode();
        }

        @Override
        public HttpRequest request() {
            return response.request();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return response.previousResponse();
        }

        @Override
        public HttpHeaders headers() {
            return response.headers();
        }

        @Override
        public String body() {
            return response.body();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return response.sslSession();
        }

        @Override
        public URI uri() {
            return response.uri();
        }

        @Override
        public HttpClient.Version version() {
            return response.version();
        }
    }
}
