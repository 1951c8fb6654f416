package nl.wur.cip.helpdesk;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import nl.wur.cip.helpdesk.admin.AdminAuth;
import nl.wur.cip.helpdesk.answer.Answer;
import nl.wur.cip.helpdesk.bench.Benchmark;
import nl.wur.cip.helpdesk.checklist.AssessmentStore;
import nl.wur.cip.helpdesk.checklist.ChecklistLoader;
import nl.wur.cip.helpdesk.checklist.ChecklistTable;
import nl.wur.cip.helpdesk.config.SettingsTable;
import nl.wur.cip.helpdesk.escalation.Backoff;
import nl.wur.cip.helpdesk.escalation.DeliveryWorker;
import nl.wur.cip.helpdesk.escalation.EscalationService;
import nl.wur.cip.helpdesk.escalation.EscalationStore;
import nl.wur.cip.helpdesk.escalation.MailComposer;
import nl.wur.cip.helpdesk.escalation.RetentionJob;
import nl.wur.cip.helpdesk.escalation.SmtpMailer;
import nl.wur.cip.helpdesk.escalation.SmtpSettings;
import nl.wur.cip.helpdesk.eval.CalibrationFit;
import nl.wur.cip.helpdesk.eval.EvalQuestion;
import nl.wur.cip.helpdesk.eval.EvalResult;
import nl.wur.cip.helpdesk.eval.Evaluation;
import nl.wur.cip.helpdesk.feedback.FeedbackStore;
import nl.wur.cip.helpdesk.feedback.UnansweredLog;
import nl.wur.cip.helpdesk.guard.GuardSettings;
import nl.wur.cip.helpdesk.insight.AnswerRecordStore;
import nl.wur.cip.helpdesk.insight.AnswerRecorder;
import nl.wur.cip.helpdesk.insight.CardDrafts;
import nl.wur.cip.helpdesk.insight.Insights;
import nl.wur.cip.helpdesk.knowledge.Citation;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.knowledge.Messages;
import nl.wur.cip.helpdesk.llm.LlmAnswerService;
import nl.wur.cip.helpdesk.llm.LlmConfig;
import nl.wur.cip.helpdesk.optout.OptOutChecker;
import nl.wur.cip.helpdesk.reload.KnowledgeGeneration;
import nl.wur.cip.helpdesk.reload.KnowledgeReloader;
import nl.wur.cip.helpdesk.search.LanguageDetector;
import nl.wur.cip.helpdesk.storage.Database;
import nl.wur.cip.helpdesk.storage.DiskFloor;
import nl.wur.cip.helpdesk.understanding.IntentClassifier;
import nl.wur.cip.helpdesk.web.HelpdeskServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root and command line: wires every part with plain constructors and runs a command. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    private static final String USAGE = """
            usage: java -jar target/cip-helpdesk.jar [command] [--name=value ...]
              serve                 start the helpdesk (default): http://localhost:7070
              ask "question"        answer once and print the answer with its sources (--language=en|nl)
              eval FILE.jsonl [OUT.jsonl]
                                    score a question set: pass rate overall, by topic and language; retrieval recall;
                                    with OUT, a line per question: outcome, confidence, result
              calibrate RESULTS.jsonl ...
                                    fit the answers' confidence calibration to eval results files (answered questions)
              bench                 start the jar as a server and load it: latency, answers/s, CPU per answer, memory,
                                    start-up (--warm-up=60 --seconds=30 --clients=1,50 --starts=3
                                    --server-java-options="-XX:+UseSerialGC -Xms64m")
              precompute DIR        embed the knowledge and train the intent model into DIR (the build ships them in the jar)
              checklist-table       print the checklist's questions and verdicts as a Markdown table (for the README)
              settings-table        print every setting as a Markdown table (for the README)
            settings: environment variables HELPDESK_*, each also a flag (HELPDESK_DB_URL is --db-url=...);
                      settings-table lists them all""";

    /** Runs every step, logging the ones that fail instead of stopping at them. */
    static void closeAll(List<Runnable> steps) {
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                LOG.error("shutdown: one part failed to close ({}); closing the rest", e.toString());
            }
        }
    }

    public static void main(String[] args) {
        int code = run(List.of(args), System.getenv(), System.out, System.err);
        if (code != SERVING) {
            System.exit(code);
        }
    }

    /** Exit code meaning "the server is running": the JVM stays up. */
    static final int SERVING = -1;

    /** Runs one command; returns its exit code, or {@link #SERVING} when the server was started. */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        List<String> positional = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        for (String arg : args) {
            (arg.startsWith("--") ? flags : positional).add(arg);
        }
        if (flags.contains("--help") || positional.contains("help")) {
            out.println(USAGE);
            return 0;
        }
        try {
            String command = positional.isEmpty() ? "serve" : positional.get(0);
            HelpdeskConfig config = HelpdeskConfig.from(env, flags);
            return switch (command) {
                case "serve" -> serve(config);
                case "ask" -> ask(config, positional, flags, out, err);
                case "eval" -> evaluate(config, positional, out, err);
                case "checklist-table" -> {
                    Path file = Assembly.checklistFile(config.knowledgeDir());
                    out.print(ChecklistTable.markdown(new ChecklistLoader().load(file)));
                    yield 0;
                }
                case "settings-table" -> {
                    out.print(SettingsTable.markdown(HelpdeskSetting.all()));
                    yield 0;
                }
                case "precompute" -> precompute(flags, positional, out, err);
                case "calibrate" -> calibrate(positional, out, err);
                case "bench" -> Benchmark.run(config, Benchmark.Options.from(flags), out);
                default -> {
                    err.println("unknown command '" + command + "'\n" + USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) { // bad settings, flags or a broken checklist file
            err.println("error: " + e.getMessage());
            return 2;
        }
    }

    private static int serve(HelpdeskConfig config) {
        LlmConfig llm = config.llm();
        long start = System.nanoTime();
        // Read before anything starts: mail is written from it, and a broken file stops the start with its line.
        Messages messages = Messages.load(config.knowledgeDir());
        // The knowledge loads while the database and the web server start: each takes about a second.
        CompletableFuture<Assembly> assembling = new CompletableFuture<>();
        Thread loader = new Thread(
                () -> {
                    try {
                        assembling.complete(Assembly.of(config));
                    } catch (RuntimeException | Error e) {
                        assembling.completeExceptionally(e);
                    }
                },
                "knowledge-loader");
        loader.setDaemon(true);
        loader.start();
        Clock clock = Clock.systemUTC();
        Database database = Database.open(config.database());
        EscalationStore escalationStore = new EscalationStore(database);
        UnansweredLog unanswered = new UnansweredLog(database);
        Optional<DeliveryWorker> worker = config.smtp()
                .map(smtp -> new DeliveryWorker(
                                escalationStore,
                                new MailComposer(config.escalationTo(), smtp.from(), config.retentionDays(), messages),
                                new SmtpMailer(smtp),
                                Backoff.DEFAULT,
                                clock,
                                Duration.ofSeconds(10),
                                smtp.timeout().multipliedBy(3).plusSeconds(10))
                        .start());
        if (worker.isEmpty()) {
            LOG.warn(
                    "mail is not configured (HELPDESK_SMTP_HOST is not set): escalations are stored and shown in the admin"
                            + " inbox, and researchers are offered a mailto: link to {}",
                    config.escalationTo());
        } else {
            LOG.info(
                    "escalations are mailed to {} through {}",
                    config.escalationTo(),
                    config.smtp().get());
        }
        Optional<AdminAuth> admin =
                config.adminPassword().isEmpty() && config.oidc().isEmpty()
                        ? Optional.empty()
                        : Optional.of(new AdminAuth(config.adminPassword(), config.oidc(), clock, database));
        if (admin.isEmpty()) {
            LOG.info(
                    "the admin inbox at /admin is disabled; set HELPDESK_ADMIN_PASSWORD or HELPDESK_OIDC_* to enable it");
        }
        config.oidc().ifPresent(oidc -> LOG.info("admin sign-in through OpenID Connect: {}", oidc));
        String messageIdDomain = config.smtp()
                .map(SmtpSettings::domain)
                .orElse(config.escalationTo().substring(config.escalationTo().indexOf('@') + 1));
        EscalationService escalations =
                new EscalationService(escalationStore, worker, messageIdDomain, config.escalationTo(), clock);
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "retention");
            thread.setDaemon(true);
            return thread;
        });
        FeedbackStore feedback = new FeedbackStore(database);
        AssessmentStore assessments = new AssessmentStore(database);
        housekeeping.scheduleAtFixedRate(
                new RetentionJob(
                        escalationStore,
                        unanswered,
                        feedback,
                        assessments,
                        Duration.ofDays(config.retentionDays()),
                        clock),
                0,
                6,
                TimeUnit.HOURS);
        // Model calls wait on the network, not the CPU: each may hold a slot of the answer gate without starving the
        // rest.
        GuardSettings guards =
                llm.enabled() ? config.guards().withMoreConcurrency(llm.maxConcurrent()) : config.guards();
        AnswerRecordStore answerRecords = new AnswerRecordStore(database);
        HelpdeskServer server = new HelpdeskServer(
                        config.webDir(),
                        new HelpdeskServer.Services(
                                feedback,
                                unanswered,
                                escalations,
                                admin,
                                guards,
                                config.metricsToken(),
                                new DiskFloor(config.dataDir(), guards.minFreeDiskMb() * 1024L * 1024L),
                                config.embedOrigins(),
                                new AnswerRecorder(answerRecords, AnswerRecorder.DEFAULT_QUEUE)),
                        clock)
                .start(config.port());
        database.pool().setMetricRegistry(server.metrics().registry()); // hikaricp_connections_* on /metrics
        Assembly assembly;
        try {
            assembly = Assembly.joined(assembling);
        } catch (RuntimeException | OutOfMemoryError e) {
            // Without this the web server's threads keep the JVM up, answering 503 for ever.
            server.close();
            worker.ifPresent(DeliveryWorker::close);
            database.close();
            if (e instanceof IllegalArgumentException) {
                throw e; // a bad setting: said in one line, exit code 2
            }
            LOG.error("the helpdesk could not start: {}", e.toString(), e);
            return 1;
        }
        LlmAnswerService answering = LlmAnswerService.create(assembly.answers(), llm);
        KnowledgeGenerations generations =
                new KnowledgeGenerations(config, assembly.embedder(), answering, assessments, unanswered, clock);
        KnowledgeGeneration first = generations.first(assembly);
        server.knowledge().switchTo(first); // answers, checklist and gaps at once
        OptOutChecker optOut =
                OptOutChecker.create(config.optOut(), config.knowledgeDir(), assembly.knowledge(), clock);
        server.optOutReady(optOut);
        server.insightReady(
                new Insights(answerRecords, feedback, escalationStore, clock),
                first.gaps().orElseThrow(),
                new CardDrafts(config.draftsFolder(), clock));
        KnowledgeReloader reloader = generations.reloader(
                server.knowledge(), result -> server.metrics().knowledgeReload(result.status()));
        server.reloadReady(reloader);
        reloadOnHangUp(reloader);
        // Each part is closed even when one before it fails (a request outliving the stop timeout made the web
        // server's close throw, and the mail worker and the database were never closed).
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> closeAll(List.of(
                                server::close,
                                reloader::close,
                                answering::close,
                                optOut::close,
                                () -> worker.ifPresent(DeliveryWorker::close),
                                housekeeping::shutdownNow,
                                assembly::close,
                                database::close)),
                        "shutdown"));
        LOG.info(
                "CIP Helpdesk ready on http://localhost:{} after {} ms (escalations go to {})",
                server.port(),
                (System.nanoTime() - start) / 1_000_000,
                config.escalationTo());
        return SERVING;
    }

    /**
     * {@code kill -HUP <pid>} reloads the knowledge, as the admin page does. Replacing the JVM's own handler also keeps
     * a hang-up from stopping the server. {@code sun.misc.Signal} is the JDK's only way to handle a signal (module
     * {@code jdk.unsupported}, exported; javac warns about it and the warning cannot be switched off).
     */
    private static void reloadOnHangUp(KnowledgeReloader reloader) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
                if (reloader.start("SIGHUP", result -> {}) != KnowledgeReloader.Start.STARTED) {
                    LOG.warn("SIGHUP ignored: a knowledge reload is already running, or the helpdesk is stopping");
                }
            });
        } catch (IllegalArgumentException e) { // no SIGHUP on this system (Windows)
            LOG.info("no SIGHUP here: reload the knowledge from the admin page");
        }
    }

    private static int ask(
            HelpdeskConfig config, List<String> positional, List<String> flags, PrintStream out, PrintStream err) {
        if (positional.size() < 2 || positional.get(1).isBlank()) {
            err.println("usage: java -jar target/cip-helpdesk.jar ask \"your question\" [--language=en|nl]");
            return 2;
        }
        Optional<Language> language = flagValue(flags, "language")
                .map(code -> Language.fromCode(code)
                        .orElseThrow(() -> new IllegalArgumentException("--language must be en or nl")));
        try (Assembly assembly = Assembly.of(config)) {
            Answer answer =
                    assembly.answers().ask(String.join(" ", positional.subList(1, positional.size())), language);
            out.println(answer.answer());
            out.println();
            out.printf(
                    "outcome: %s   confidence: %.2f   language: %s%n",
                    answer.outcome().code(),
                    answer.confidence(),
                    answer.language().code());
            if (answer.escalationReason() != null) {
                out.println("why a human should look: " + answer.escalationReason());
            }
            int n = 1;
            for (Citation c : answer.citations()) {
                out.printf(
                        "[%d] %s — %s%s%n", n++, c.title(), c.reference(), c.url() == null ? "" : " <" + c.url() + ">");
            }
            out.println(answer.disclaimer());
        }
        return 0;
    }

    private static int evaluate(HelpdeskConfig config, List<String> positional, PrintStream out, PrintStream err) {
        if (positional.size() != 2 && positional.size() != 3) {
            err.println("usage: java -jar target/cip-helpdesk.jar eval FILE.jsonl [OUT.jsonl]");
            return 2;
        }
        Path file = Path.of(positional.get(1));
        List<EvalQuestion> questions;
        try {
            if (!Files.isRegularFile(file)) {
                err.println("no such file: " + file);
                return 2;
            }
            questions = Evaluation.read(file);
        } catch (IOException e) {
            err.println("cannot read the question set: " + e.getMessage());
            return 2;
        }
        try (Assembly assembly = Assembly.of(config)) {
            IntentClassifier.CrossValidation cv = assembly.understanding().validation();
            out.printf(
                    java.util.Locale.ROOT,
                    "intent model: %d intents, %d examples, %d-fold cross-validated accuracy %.1f%%, "
                            + "temperature %.2f%n",
                    assembly.understanding().intentCount(),
                    cv.examples(),
                    cv.folds(),
                    cv.accuracy() * 100,
                    cv.temperature());
            List<EvalResult> results = Evaluation.results(questions, assembly.answers());
            Evaluation.report(results, out);
            if (positional.size() == 3) {
                Path resultsFile = Path.of(positional.get(2));
                try {
                    Evaluation.writeResults(results, resultsFile);
                } catch (IOException e) {
                    err.println("cannot write the results to " + resultsFile + ": " + e.getMessage());
                    return 2;
                }
            }
            LanguageDetector detector = new LanguageDetector();
            Evaluation.printRecall(questions, assembly::retriever, detector::detect, out);
        }
        return 0;
    }

    private static int calibrate(List<String> positional, PrintStream out, PrintStream err) {
        if (positional.size() < 2) {
            err.println("usage: java -jar target/cip-helpdesk.jar calibrate RESULTS.jsonl ...");
            return 2;
        }
        List<Path> files =
                positional.subList(1, positional.size()).stream().map(Path::of).toList();
        try {
            for (Path file : files) {
                if (!Files.isRegularFile(file)) {
                    err.println("no such file: " + file);
                    return 2;
                }
            }
            CalibrationFit.fitAndPrint(CalibrationFit.read(files), out);
            return 0;
        } catch (IOException e) {
            err.println("cannot read the results: " + e.getMessage());
            return 2;
        }
    }

    /**
     * What the build runs before packaging: the vectors and the intent model of the knowledge folder, written to DIR
     * (target/classes/precomputed) so the jar starts without embedding or training. A previous DIR on the classpath
     * makes it incremental: only changed texts are embedded.
     */
    private static int precompute(List<String> flags, List<String> positional, PrintStream out, PrintStream err) {
        if (positional.size() != 2) {
            err.println("usage: java -jar target/cip-helpdesk.jar precompute DIR");
            return 2;
        }
        Path target = Path.of(positional.get(1));
        try {
            Path scratch = Files.createTempDirectory("cip-precompute");
            // Not the environment: what ships must not depend on the builder's HELPDESK_* settings.
            try (Assembly assembly =
                    Assembly.of(HelpdeskConfig.from(Map.of(), flags).withDataDir(scratch))) {
                assembly.vectors().export(target.resolve("vectors.bin"));
                assembly.understanding().saveModel(target);
                out.printf(
                        "precomputed %d vectors (%d embedded now) and the intent model into %s%n",
                        assembly.vectors().fromJar() + assembly.vectors().computed(),
                        assembly.vectors().computed(),
                        target);
            } finally {
                Benchmark.deleteTree(scratch);
            }
            return 0;
        } catch (IOException e) {
            err.println("precompute failed: " + e.getMessage());
            return 1;
        }
    }

    private static Optional<String> flagValue(List<String> flags, String name) {
        return flags.stream()
                .filter(f -> f.startsWith("--" + name + "="))
                .map(f -> f.substring(name.length() + 3))
                .findFirst();
    }

    private Main() {}
}
