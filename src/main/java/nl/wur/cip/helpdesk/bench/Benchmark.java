package nl.wur.cip.helpdesk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import nl.wur.cip.helpdesk.Assembly;
import nl.wur.cip.helpdesk.HelpdeskConfig;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.search.LanguageDetector;

/**
 * The {@code bench} command, measuring the helpdesk as a user meets it: the packaged jar started as its own process
 * on a fresh data folder, loaded over real HTTP from this JVM by closed-loop clients with the answer cache off (every
 * answer computed), reporting latency percentiles, answers per second, the server's CPU per answer (from its process
 * CPU time, the figure that holds on a shared machine), the ceiling that implies, its resident memory, and start-up.
 */
public final class Benchmark {
    /**
     * The JVM options the README's run command gives the server: the serial collector with a small initial heap kept
     * the resident memory lowest under load (431 MB against G1's 720 MB) at no more CPU per answer than G1.
     */
    public static final String RECOMMENDED_JAVA_OPTIONS = "-XX:+UseSerialGC -Xms64m";

    /** What to measure; every figure is printed for each run, so repeated runs give a median. */
    public record Options(
            int warmUpSeconds, int seconds, List<Integer> clients, int starts, List<String> serverJavaOptions) {
        public static Options from(List<String> flags) {
            int warmUp = number(flags, "warm-up", 60, 0, 3600);
            int seconds = number(flags, "seconds", 30, 1, 3600);
            List<Integer> clients = new ArrayList<>();
            for (String n : value(flags, "clients", "1,50").split(",")) {
                try {
                    clients.add(Integer.parseInt(n.strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "--clients must be client counts separated by commas, e.g. 1,50");
                }
                if (clients.get(clients.size() - 1) < 1 || clients.get(clients.size() - 1) > 1000) {
                    throw new IllegalArgumentException("--clients must be between 1 and 1000 each");
                }
            }
            String java = value(flags, "server-java-options", RECOMMENDED_JAVA_OPTIONS)
                    .strip();
            return new Options(
                    warmUp,
                    seconds,
                    List.copyOf(clients),
                    number(flags, "starts", 3, 0, 20),
                    java.isEmpty() ? List.of() : List.of(java.split("\\s+")));
        }

        private static String value(List<String> flags, String name, String otherwise) {
            return flags.stream()
                    .filter(f -> f.startsWith("--" + name + "="))
                    .map(f -> f.substring(name.length() + 3))
                    .findFirst()
                    .orElse(otherwise);
        }

        private static int number(List<String> flags, String name, int otherwise, int min, int max) {
            String text = value(flags, name, Integer.toString(otherwise));
            try {
                int n = Integer.parseInt(text.strip());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new IllegalArgumentException(
                    "--" + name + " must be a whole number from " + min + " to " + max + ", not '" + text + "'");
        }
    }

    /** One measured phase at a fixed number of clients. */
    record Phase(
            int clients,
            double seconds,
            long[] sortedNanos,
            long errors,
            double serverCpuMs,
            double clientCpuMs,
            long peakRssKb) {
        double answersPerSecond() {
            return sortedNanos.length / seconds;
        }

        double cpuMsPerAnswer() {
            return sortedNanos.length == 0 ? Double.NaN : serverCpuMs / sortedNanos.length;
        }

        double ceiling(int cores) {
            return cores * 1000.0 / cpuMsPerAnswer();
        }

        double ms(double quantile) {
            return sortedNanos.length == 0
                    ? Double.NaN
                    : sortedNanos[Math.min(sortedNanos.length - 1, (int) Math.ceil(quantile * sortedNanos.length) - 1)]
                            / 1e6;
        }
    }

    public static int run(HelpdeskConfig config, Options options, PrintStream out) {
        Path jar = ownJar();
        if (jar == null) {
            out.println(
                    "bench: run it from the packaged jar (java -jar target/cip-helpdesk.jar bench), which it starts as"
                            + " the server");
            return 2;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(
                Locale.ROOT,
                "machine: %d cores, %s %s; server JVM options: %s%n",
                cores,
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                options.serverJavaOptions().isEmpty() ? "(none)" : options.serverJavaOptions());
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try {
            startUps(config, jar, options, client, out);
            List<String> questions = questions();
            Server server = Server.start(
                    jar,
                    config,
                    options.serverJavaOptions(),
                    Map.of(
                            "HELPDESK_ANSWER_CACHE",
                            "0",
                            "HELPDESK_RATE_ASK_PER_MINUTE",
                            "0",
                            "HELPDESK_RATE_ESCALATIONS_PER_HOUR",
                            "0",
                            // every bench client comes from 127.0.0.1: one address, far past a real client's share
                            "HELPDESK_IN_FLIGHT_PER_ADDRESS",
                            "0"),
                    client);
            try {
                int most = options.clients().stream().max(Integer::compare).orElse(1);
                out.printf(Locale.ROOT, "warm-up: %d s at %d clients%n", options.warmUpSeconds(), most);
                load(server, client, asking(server, questions), most, options.warmUpSeconds());
                out.println(
                        "POST /api/ask, answer cache off, " + questions.size() + " mixed English, Dutch, off-topic and"
                                + " escalation questions, closed loop (no think time):");
                for (int clients : options.clients()) {
                    Phase phase = load(server, client, asking(server, questions), clients, options.seconds());
                    out.printf(
                            Locale.ROOT,
                            "  %3d clients: %6.0f answers/s, p50 %.1f ms, p90 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms,"
                                    + " %d errors; server CPU %.2f ms/answer (ceiling %.0f answers/s on %d cores, reached %.0f%%);"
                                    + " client CPU %.2f ms/request; server RSS peak %d MB%n",
                            clients,
                            phase.answersPerSecond(),
                            phase.ms(0.50),
                            phase.ms(0.90),
                            phase.ms(0.95),
                            phase.ms(0.99),
                            phase.sortedNanos().length == 0
                                    ? Double.NaN
                                    : phase.sortedNanos()[phase.sortedNanos().length - 1] / 1e6,
                            phase.errors(),
                            phase.cpuMsPerAnswer(),
                            phase.ceiling(cores),
                            cores,
                            100 * phase.answersPerSecond() / phase.ceiling(cores),
                            phase.clientCpuMs() / Math.max(1, phase.sortedNanos().length),
                            phase.peakRssKb() / 1024);
                }
                out.println(
                        "POST /api/escalations (stored with their two outbox mails in one transaction; no SMTP), database "
                                + (config.dbUrl().isPresent()
                                        ? config.dbUrl().get().replaceAll("//[^/@]*@", "//")
                                        : "embedded H2")
                                + ", closed loop:");
                for (int clients : options.clients()) {
                    Phase phase = load(server, client, escalating(server), clients, options.seconds());
                    out.printf(
                            Locale.ROOT,
                            "  %3d clients: %6.0f escalations/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms,"
                                    + " max %.1f ms, %d errors%n",
                            clients,
                            phase.answersPerSecond(),
                            phase.ms(0.50),
                            phase.ms(0.90),
                            phase.ms(0.99),
                            phase.sortedNanos().length == 0
                                    ? Double.NaN
                                    : phase.sortedNanos()[phase.sortedNanos().length - 1] / 1e6,
                            phase.errors());
                }
            } finally {
                server.stop();
            }
            understanding(config, questions, out);
            return 0;
        } catch (IOException | InterruptedException e) {
            out.println("benchmark failed: " + e.getMessage());
            return 1;
        }
    }

    /** Fresh data folders, launched jar to {@code /api/health} answering 200: what a new deployment waits for. */
    private static void startUps(HelpdeskConfig config, Path jar, Options options, HttpClient client, PrintStream out)
            throws IOException, InterruptedException {
        if (options.starts() == 0) {
            return;
        }
        long[] millis = new long[options.starts()];
        for (int i = 0; i < millis.length; i++) {
            Server server = Server.start(jar, config, options.serverJavaOptions(), Map.of(), client);
            millis[i] = server.startMillis();
            server.stop();
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        out.printf(
                Locale.ROOT,
                "start-up to healthy, fresh data folder, %d starts: median %d ms (%s ms)%n",
                millis.length,
                sorted[sorted.length / 2],
                Arrays.toString(millis).replaceAll("[\\[\\]]", ""));
    }

    /** One request of a load phase: its client's number and its own number there give its content. */
    private record Load(BiFunction<Integer, Integer, HttpRequest> request, int expectedStatus) {}

    private static Load asking(Server server, List<String> questions) {
        ObjectMapper mapper = new ObjectMapper();
        return new Load(
                (id, n) -> {
                    try {
                        return HttpRequest.newBuilder(server.url("/api/ask"))
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(
                                        Map.of("question", questions.get((id * 7 + n) % questions.size())))))
                                .build();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                200);
    }

    /** Escalations as the chat sends them, each with its own Idempotency-Key, so each is a new ticket. */
    private static Load escalating(Server server) {
        return new Load(
                (id, n) -> HttpRequest.newBuilder(server.url("/api/escalations"))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"email\":\"bench" + id + "@example.org\"," + "\"question\":\"Benchmark escalation "
                                        + id + "-" + n + ": may I mine this corpus?\"}"))
                        .build(),
                202);
    }

    /** {@code clients} threads sending one request after another for {@code seconds}. */
    private static Phase load(Server server, HttpClient client, Load load, int clients, int seconds)
            throws InterruptedException {
        List<long[]> perClient = new ArrayList<>();
        int[] counts = new int[clients];
        AtomicLong errors = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        long clientCpuBefore = cpuNanos(ProcessHandle.current());
        long serverCpuBefore = cpuNanos(server.process().toHandle());
        RssSampler rss = new RssSampler(server.process().pid());
        rss.start();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            long[] nanos = new long[Math.max(1024, seconds * 2000)];
            perClient.add(nanos);
            int id = c;
            Thread thread = new Thread(
                    () -> {
                        int n = 0;
                        while (running.get()) {
                            HttpRequest request = load.request().apply(id, n);
                            long t0 = System.nanoTime();
                            try {
                                HttpResponse<Void> response =
                                        client.send(request, HttpResponse.BodyHandlers.discarding());
                                if (response.statusCode() != load.expectedStatus()) {
                                    errors.incrementAndGet();
                                    continue;
                                }
                            } catch (IOException e) {
                                errors.incrementAndGet();
                                continue;
                            } catch (InterruptedException e) {
                                return;
                            }
                            if (n < nanos.length) {
                                nanos[n++] = System.nanoTime() - t0;
                                counts[id] = n;
                            }
                        }
                    },
                    "bench-client-" + c);
            threads.add(thread);
            thread.start();
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        double serverCpuMs = (cpuNanos(server.process().toHandle()) - serverCpuBefore) / 1e6;
        double clientCpuMs = (cpuNanos(ProcessHandle.current()) - clientCpuBefore) / 1e6;
        long peakRss = rss.finish();
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(perClient.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return new Phase(clients, elapsed, all, errors.get(), serverCpuMs, clientCpuMs, peakRss);
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /**
     * The share of an answer that is question understanding: the intent model on the question and its parts, given
     * the question's embedding (which retrieval computes anyway), timed on its own in this process.
     */
    private static void understanding(HelpdeskConfig config, List<String> questions, PrintStream out)
            throws IOException {
        Path data = Files.createTempDirectory("cip-bench");
        try (Assembly assembly = Assembly.of(config.withDataDir(data))) {
            LanguageDetector detector = new LanguageDetector();
            List<Language> languages = questions.stream().map(detector::detect).toList();
            List<float[]> vectors = new ArrayList<>();
            for (int i = 0; i < questions.size(); i++) {
                vectors.add(assembly.retriever()
                        .search(questions.get(i), languages.get(i))
                        .queryVector());
            }
            int runs = 3000;
            long[] nanos = new long[runs];
            for (int i = -300; i < runs; i++) {
                int q = Math.floorMod(i, questions.size());
                long t0 = System.nanoTime();
                assembly.understanding().understand(questions.get(q), languages.get(q), vectors.get(q));
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - t0;
                }
            }
            Arrays.sort(nanos);
            Phase alone = new Phase(1, 1, nanos, 0, 0, 0, 0);
            out.printf(
                    Locale.ROOT,
                    "question understanding alone (intent model, parts embedded when a question has several),"
                            + " %d runs in this JVM: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n",
                    runs,
                    alone.ms(0.50),
                    alone.ms(0.90),
                    alone.ms(0.99));
        } finally {
            deleteTree(data);
        }
    }

    private static List<String> questions() {
        try (InputStream in = Benchmark.class.getResourceAsStream("/bench-questions.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank())
                    .toList();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("bench-questions.txt missing from the build", e);
        }
    }

    private static Path ownJar() {
        try {
            Path location = Path.of(Benchmark.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return Files.isRegularFile(location) && location.toString().endsWith(".jar") ? location : null;
        } catch (Exception e) {
            return null;
        }
    }

    public static void deleteTree(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The jar as its own process on a data folder of its own, so a helpdesk already running is not disturbed. */
    private record Server(Process process, Path data, URI base, long startMillis) {
        URI url(String path) {
            return base.resolve(path);
        }

        static Server start(
                Path jar,
                HelpdeskConfig config,
                List<String> javaOptions,
                Map<String, String> environment,
                HttpClient client)
                throws IOException, InterruptedException {
            Path data = Files.createTempDirectory("cip-bench");
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(javaOptions);
            command.addAll(List.of(
                    "-jar",
                    jar.toString(),
                    "serve",
                    "--port=" + port,
                    "--data-dir=" + data,
                    "--knowledge-dir=" + config.knowledgeDir().toAbsolutePath(),
                    "--web-dir=" + config.webDir().toAbsolutePath()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(data.resolve("server.log").toFile());
            builder.environment().putAll(environment);
            // The configured database, flags included (the environment alone would carry only HELPDESK_DB_URL).
            config.dbUrl()
                    .ifPresent(url -> builder.environment()
                            .putAll(Map.of(
                                    "HELPDESK_DB_URL",
                                    url,
                                    "HELPDESK_DB_USER",
                                    config.dbUser(),
                                    "HELPDESK_DB_PASSWORD",
                                    config.dbPassword())));
            long t0 = System.nanoTime();
            Process process = builder.start();
            URI health = URI.create("http://127.0.0.1:" + port + "/api/health");
            while (System.nanoTime() - t0 < 120_000_000_000L && process.isAlive()) {
                try {
                    if (client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200) {
                        return new Server(
                                process,
                                data,
                                URI.create("http://127.0.0.1:" + port + "/"),
                                (System.nanoTime() - t0) / 1_000_000);
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(10);
            }
            process.destroyForcibly();
            throw new IOException("the server did not become healthy; its log: " + data.resolve("server.log"));
        }

        void stop() throws IOException, InterruptedException {
            process.destroy();
            process.waitFor();
            deleteTree(data);
        }
    }

    /** The server's resident memory, read from {@code /proc} four times a second; the largest value seen. */
    private static final class RssSampler extends Thread {
        private final Path status;
        private volatile boolean running = true;
        private volatile long peakKb;

        RssSampler(long pid) {
            super("bench-rss");
            setDaemon(true);
            this.status = Path.of("/proc", Long.toString(pid), "status");
        }

        @Override
        public void run() {
            while (running) {
                try {
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("VmRSS:")) {
                            peakKb = Math.max(peakKb, Long.parseLong(line.replaceAll("\\D", "")));
                        }
                    }
                    Thread.sleep(250);
                } catch (IOException | InterruptedException | NumberFormatException e) {
                    return; // no /proc here: RSS shows as 0
                }
            }
        }

        long finish() throws InterruptedException {
            running = false;
            join();
            return peakKb;
        }
    }

    private Benchmark() {}
}
