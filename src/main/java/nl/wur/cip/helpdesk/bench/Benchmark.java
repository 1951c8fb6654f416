package nl.wur.cip.helpdesk.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import nl.wur.cip.helpdesk.Main;
import nl.wur.cip.helpdesk.search.LanguageDetector;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.config.HelpdeskConfig;
import nl.wur.cip.helpdesk.web.HelpdeskServer;
import nl.wur.cip.helpdesk.feedback.FeedbackStore;
import nl.wur.cip.helpdesk.storage.Database;
import java.time.Clock;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The {@code bench} command: single-client latency of {@code POST /api/ask} over real HTTP with the shipped
 * knowledge, printed as percentiles, and the time from launching the jar to a healthy server.
 */
public final class Benchmark {
    private static final int WARM_UP = 300;

    public static int run(HelpdeskConfig config, int requests, PrintStream out) {
        List<String> questions = questions();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ObjectMapper mapper = new ObjectMapper();
        try (Main.Assembly assembly = Main.assemble(config);
             Database database = Database.open("jdbc:h2:mem:bench", "sa", "");
             HelpdeskServer server = new HelpdeskServer(config.webDir(), HelpdeskServer.Services.withoutMail(database, Optional.empty(), Clock.systemUTC()), Clock.systemUTC()).start(0)) {
            server.ready(assembly.answers());
            URI ask = URI.create("http://localhost:" + server.port() + "/api/ask");
            for (int i = 0; i < WARM_UP; i++) {
                post(client, mapper, ask, questions.get(i % questions.size()));
            }
            long[] nanos = new long[requests];
            long started = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                long t0 = System.nanoTime();
                post(client, mapper, ask, questions.get(i % questions.size()));
                nanos[i] = System.nanoTime() - t0;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Arrays.sort(nanos);
            out.printf(Locale.ROOT, "POST /api/ask, 1 client, %d requests over %d questions (after %d warm-up): "
                            + "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, %.0f requests/s%n",
                    requests, questions.size(), WARM_UP, ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99),
                    nanos[nanos.length - 1] / 1e6, requests / seconds);
            understanding(assembly, questions, requests, out);
        } catch (IOException | InterruptedException e) {
            out.println("benchmark failed: " + e.getMessage());
            return 1;
        }
        startUp(config, client, out);
        return 0;
    }

    /**
     * The share of an answer that is question understanding: the intent model on the question and its parts, given
     * the question's embedding (which retrieval computes anyway), timed on its own in this process.
     */
    private static void understanding(Main.Assembly assembly, List<String> questions, int requests, PrintStream out) {
        LanguageDetector detector = new LanguageDetector();
        List<Language> languages = questions.stream().map(detector::detect).toList();
        List<float[]> vectors = new java.util.ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            vectors.add(assembly.retriever().search(questions.get(i), languages.get(i)).queryVector());
        }
        long[] nanos = new long[requests];
        for (int i = -WARM_UP; i < requests; i++) {
            int q = Math.floorMod(i, questions.size());
            long t0 = System.nanoTime();
            assembly.understanding().understand(questions.get(q), languages.get(q), vectors.get(q));
            if (i >= 0) {
                nanos[i] = System.nanoTime() - t0;
            }
        }
        Arrays.sort(nanos);
        out.printf(Locale.ROOT, "question understanding alone (intent model, parts embedded when a question has several), "
                + "%d runs: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n", requests, ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99));
    }

    /** Launches the jar as a fresh process twice (the second with a warm vector cache) and times it to healthy. */
    private static void startUp(HelpdeskConfig config, HttpClient client, PrintStream out) {
        Path jar = ownJar();
        if (jar == null) {
            out.println("start-up: run the bench from the jar (java -jar target/cip-helpdesk.jar bench) to measure it");
            return;
        }
        Path data;
        try {
            // A data folder of its own, so a helpdesk already running on the configured one is not disturbed.
            data = Files.createTempDirectory("cip-bench");
            Path cache = config.dataDir().resolve("vectors.bin");
            if (Files.isRegularFile(cache)) {
                Files.copy(cache, data.resolve("vectors.bin"));
            }
        } catch (IOException e) {
            out.println("start-up measurement failed: " + e.getMessage());
            return;
        }
        for (String label : List.of("first start in a new data folder (vector cache copied, intent model trained)", "restart")) {
            try {
                int port;
                try (ServerSocket socket = new ServerSocket(0)) {
                    port = socket.getLocalPort();
                }
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                Process process = new ProcessBuilder(java, "-jar", jar.toString(), "serve", "--port=" + port,
                        "--data-dir=" + data,
                        "--knowledge-dir=" + config.knowledgeDir().toAbsolutePath(),
                        "--web-dir=" + config.webDir().toAbsolutePath())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                long t0 = System.nanoTime();
                try {
                    URI health = URI.create("http://localhost:" + port + "/api/health");
                    while (System.nanoTime() - t0 < 60_000_000_000L) {
                        try {
                            if (client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
                                    .statusCode() == 200) {
                                out.printf(Locale.ROOT, "start-up to healthy (%s, launched jar): %d ms%n", label,
                                        (System.nanoTime() - t0) / 1_000_000);
                                break;
                            }
                        } catch (IOException notYet) {
                            // not listening yet
                        }
                        Thread.sleep(20);
                    }
                } finally {
                    process.destroy();
                    process.waitFor();
                }
            } catch (IOException | InterruptedException e) {
                out.println("start-up measurement failed: " + e.getMessage());
                return;
            }
        }
    }

    private static void post(HttpClient client, ObjectMapper mapper, URI uri, String question)
            throws IOException, InterruptedException {
        String body = mapper.writeValueAsString(java.util.Map.of("question", question));
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IOException("POST /api/ask answered " + response.statusCode());
        }
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static List<String> questions() {
        try (InputStream in = Benchmark.class.getResourceAsStream("/bench-questions.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("bench-questions.txt missing from the build", e);
        }
    }

    private static Path ownJar() {
        try {
            Path location = Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) && location.toString().endsWith(".jar") ? location : null;
        } catch (Exception e) {
            return null;
        }
    }

    private Benchmark() {
    }
}
