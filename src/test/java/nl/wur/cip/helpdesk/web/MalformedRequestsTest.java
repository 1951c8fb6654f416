package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import nl.wur.cip.helpdesk.Assembly;
import nl.wur.cip.helpdesk.TestHelpdesk;
import nl.wur.cip.helpdesk.admin.AdminAuth;
import nl.wur.cip.helpdesk.checklist.AssessmentStore;
import nl.wur.cip.helpdesk.checklist.ChecklistService;
import nl.wur.cip.helpdesk.llm.LlmAnswerService;
import nl.wur.cip.helpdesk.storage.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 8, "hold under bad input": some 20,000 malformed requests with a seeded {@link Random} (the seed is
 * printed; set {@code -Dmalformed.seed=N} to repeat a run) against every endpoint of the real server. No answer may
 * be a 5xx (but a 503 or 429 with Retry-After), show a stack trace, or be a 4xx from the API without a JSON
 * {@code error}; afterwards the server still answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class MalformedRequestsTest {
    private static final int REQUESTS = Integer.getInteger("malformed.requests", 20_000);
    private static final int RAW_REQUESTS = Integer.getInteger("malformed.raw", 600);
    private static final int THREADS = 8;
    private static final String PASSWORD = "malformed-requests-admin-password";
    private static final List<String> POST_PATHS = List.of(
            "/api/ask",
            "/api/ask/stream",
            "/api/feedback",
            "/api/escalations",
            "/api/checklist/assess",
            "/api/optout-check",
            "/admin/api/login",
            "/admin/api/logout");
    private static final List<String> GET_PATHS = List.of(
            "/api/health",
            "/api/checklist",
            "/admin/api/escalations",
            "/admin/api/session",
            "/admin/api/feedback",
            "/admin/api/unanswered");
    private static final List<String> METHODS =
            List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND", "FOO", "post");
    private static final List<String> FIELDS = List.of(
            "question",
            "language",
            "conversationId",
            "email",
            "name",
            "transcript",
            "assessmentId",
            "quoteConsent",
            "origin",
            "rating",
            "answer",
            "outcome",
            "comment",
            "answers",
            "url",
            "password",
            "role",
            "text",
            "__proto__",
            "",
            "\u0000");
    private static final List<String> CONTENT_TYPES = List.of(
            "application/json",
            "application/json; charset=utf-8",
            "application/JSON;charset=UTF-16",
            "text/plain",
            "application/jsonx",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
            "*/*",
            "application/json; charset=\"\u00e9\"",
            "application/json; charset=?",
            "application/json; charset=no-such",
            ";;;",
            "application/",
            "text/html; charset=iso-8859-1");
    private static final List<String> HEADER_NAMES = List.of(
            "Accept",
            "Accept-Language",
            "Accept-Encoding",
            "Cookie",
            "Authorization",
            "X-Forwarded-For",
            "X-Forwarded-Host",
            "X-Forwarded-Proto",
            "Sec-Fetch-Site",
            "Range",
            "If-Modified-Since",
            "If-None-Match",
            "Referer",
            "User-Agent",
            "Idempotency-Key",
            "Forwarded",
            "X-Requested-With",
            "Content-Language",
            "Content-Encoding",
            "TE",
            "Via",
            "Pragma",
            "X-Custom-Ünicode");
    /** Words in no answer the server gives, only in stack traces or in exception messages. */
    private static final Pattern STACK_TRACE = Pattern.compile("\tat |java\\.|[A-Za-z]+Exception\\b|Caused by");

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private Database database;
    private HelpdeskServer server;
    private HttpClient client;
    private ExecutorService pool;
    private String adminCookie;
    private long seed;

    @BeforeAll
    void start() throws Exception {
        Assembly helpdesk = TestHelpdesk.shared();
        database = Database.open("jdbc:h2:mem:malformed-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        server = new HelpdeskServer(
                        Path.of("web"),
                        TestHelpdesk.servicesWithoutMail(
                                database,
                                Optional.of(new AdminAuth(PASSWORD, Clock.systemUTC(), database)),
                                Clock.systemUTC()),
                        Clock.systemUTC())
                .start(0);
        server.ready(LlmAnswerService.extractiveOnly(helpdesk.answers()));
        server.checklistReady(new ChecklistService(
                helpdesk.checklist().orElseThrow(),
                new AssessmentStore(database),
                helpdesk.knowledge(),
                Clock.systemUTC()));
        pool = Executors.newFixedThreadPool(THREADS);
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(pool)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        seed = Long.getLong("malformed.seed", System.nanoTime());
        System.out.println("MalformedRequestsTest seed: " + seed + " (repeat with -Dmalformed.seed=" + seed + ")");
        // A real admin session first, so the flood also reaches the admin endpoints behind the login.
        HttpResponse<String> login = client.send(
                HttpRequest.newBuilder(uri("/admin/api/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + PASSWORD + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        adminCookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    @AfterAll
    void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (server != null) {
            server.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void everyEndpointHoldsUnderMalformedRequests() throws Exception {
        long started = System.nanoTime();
        Random master = new Random(seed);
        List<Future<?>> work = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(THREADS);
        try {
            for (int i = 0; i < REQUESTS; i++) {
                long requestSeed = master.nextLong();
                int index = i;
                work.add(senders.submit(() -> sendOne(index, requestSeed)));
            }
            for (int i = 0; i < RAW_REQUESTS; i++) {
                long requestSeed = master.nextLong();
                int index = i;
                work.add(senders.submit(() -> sendRaw(index, requestSeed)));
            }
            for (Future<?> f : work) {
                f.get(240, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "MalformedRequestsTest: %d HTTP requests and %d raw-socket requests in %.1f s; statuses %s%n",
                REQUESTS, RAW_REQUESTS, seconds, new TreeMap<>(statuses));
        assertTrue(
                failures.isEmpty(),
                "seed " + seed + ": " + failures.size() + " bad answers, the first:\n"
                        + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        int answered = statuses.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("raw"))
                .mapToInt(e -> e.getValue().get())
                .sum();
        assertEquals(REQUESTS, answered, "every HTTP request got an answer: " + statuses);
        assertTrue(statuses.keySet().stream().anyMatch(s -> s.startsWith("4")), "no request was refused: " + statuses);

        // And the server still works.
        HttpResponse<String> ask = client.send(
                HttpRequest.newBuilder(uri("/api/ask"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"question\":\"May I use text and data mining on journal articles?\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ask.statusCode(), ask.body());
        assertTrue(mapper.readTree(ask.body()).get("answer").isTextual(), ask.body());
        // Found by this test: a charset Jetty cannot name made every JSON endpoint answer 500 (README, "Bad input").
        HttpResponse<String> badCharset = client.send(
                HttpRequest.newBuilder(uri("/api/feedback"))
                        .header("Content-Type", "application/json; charset=?")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"rating\":\"sideways\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, badCharset.statusCode(), badCharset.body());
        assertTrue(mapper.readTree(badCharset.body()).get("error").isTextual(), badCharset.body());
        HttpResponse<String> health =
                client.send(HttpRequest.newBuilder(uri("/api/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
    }

    private void sendOne(int index, long requestSeed) {
        Random r = new Random(requestSeed);
        String method;
        String path;
        if (r.nextInt(10) < 7) {
            method = "POST";
            path = pick(r, POST_PATHS);
        } else if (r.nextInt(3) > 0) {
            method = "GET";
            path = randomGetPath(r);
        } else {
            method = pick(r, METHODS);
            path = r.nextBoolean() ? pick(r, POST_PATHS) : randomGetPath(r);
        }
        if (r.nextInt(40) == 0) {
            path = unknownPath(r);
        }
        String query = r.nextInt(8) == 0 ? "?" + randomQuery(r) : "";
        byte[] body = body(r, path);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path + query)).timeout(Duration.ofSeconds(60));
        if (r.nextInt(10) < 8) {
            builder.header("Content-Type", r.nextInt(3) == 0 ? pick(r, CONTENT_TYPES) : "application/json");
        }
        if (path.equals("/api/escalations") && r.nextInt(4) > 0) {
            builder.header(
                    "Idempotency-Key",
                    r.nextBoolean() ? UUID.randomUUID().toString() : randomText(r, r.nextInt(120), 0x20, 0x7e));
        }
        if (path.startsWith("/admin/api/") && r.nextInt(3) == 0) {
            builder.header(
                    "Cookie",
                    r.nextBoolean()
                            ? adminCookie
                            : "helpdesk_admin="
                                    + randomText(r, r.nextInt(80), 0x21, 0x7e)
                                            .replace(";", "")
                                            .replace(",", ""));
        }
        int headers = r.nextInt(4);
        for (int h = 0; h < headers; h++) {
            String name = r.nextInt(5) == 0 ? "X-" + randomText(r, 1 + r.nextInt(20), 'a', 'z') : pick(r, HEADER_NAMES);
            String value = randomText(r, r.nextInt(r.nextInt(20) == 0 ? 4000 : 60), 0x20, 0x7e)
                    .strip();
            try {
                builder.header(name, value);
            } catch (IllegalArgumentException e) {
                // The client refuses to send it (e.g. a non-ASCII name); the raw-socket requests send such headers.
            }
        }
        String described = "#" + index + " " + method + " " + path + query + " (" + body.length + " bytes"
                + (body.length <= 300 ? ": " + printable(body) : "") + ")";
        HttpRequest request = builder.method(
                        method,
                        body.length == 0 && r.nextBoolean()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // A large body the server refuses without reading (e.g. 415, 401) may be cut off by a reset once it has
            // answered.
            if (body.length > JsonRequests.MAX_BODY_BYTES) {
                statuses.computeIfAbsent("reset-huge", k -> new AtomicInteger()).incrementAndGet();
                return;
            }
            failures.add(described + ": no answer: " + e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        statuses.computeIfAbsent(Integer.toString(response.statusCode()), k -> new AtomicInteger())
                .incrementAndGet();
        check(
                described,
                method,
                path,
                response.statusCode(),
                response.headers().firstValue("Retry-After").isPresent(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private void check(
            String described,
            String method,
            String path,
            int status,
            boolean retryAfter,
            String contentType,
            byte[] bytes) {
        String body = new String(bytes, StandardCharsets.UTF_8);
        if (status >= 500 && !(status == 503 && retryAfter)) {
            failures.add(described + ": status " + status + ": " + abbreviate(body));
        }
        if (status == 429 && !retryAfter) {
            failures.add(described + ": 429 without Retry-After");
        }
        boolean plainWord = status >= 300 && body.contains("Exception");
        if (STACK_TRACE.matcher(body).find() || plainWord) {
            failures.add(described + ": looks like a stack trace: " + abbreviate(body));
        }
        boolean api = path.startsWith("/api/") || path.startsWith("/admin/api/");
        if (api && status >= 400 && status < 500 && !method.equals("HEAD")) {
            try {
                JsonNode json = mapper.readTree(body);
                if (json == null
                        || !json.path("error").isTextual()
                        || json.path("error").asText().isBlank()
                        || !contentType.startsWith("application/json")) {
                    failures.add(described + ": a " + status + " without a JSON error (" + contentType + "): "
                            + abbreviate(body));
                }
            } catch (IOException e) {
                failures.add(described + ": a " + status + " whose body is not JSON (" + contentType + "): "
                        + abbreviate(body));
            }
        }
    }

    /** Garbage at the HTTP level, which the client library would not send: straight to a socket. */
    private void sendRaw(int index, long requestSeed) {
        Random r = new Random(requestSeed);
        int kind = r.nextInt(12);
        String path = r.nextBoolean() ? pick(r, POST_PATHS) : randomGetPath(r);
        String host = "Host: 127.0.0.1:" + server.port() + "\r\n";
        byte[] request = switch (kind) {
            case 0 -> bytes(randomBytes(r, 1 + r.nextInt(300)));
            case 1 -> ascii(pick(r, METHODS) + " " + path + " HTTP/1.1 extra\r\n" + host + "\r\n");
            case 2 ->
                ascii("POST " + path + " HTTP/1.1\r\n" + host + "Content-Type: application/json\r\nContent-Length: "
                        + pick(r, List.of("-1", "abc", "99999999999999999999", "5, 6", ""))
                        + "\r\nConnection: close\r\n\r\n{}");
            case 3 ->
                ascii("POST " + path + " HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                        + pick(
                                r,
                                List.of(
                                        "zz\r\n{}\r\n0\r\n\r\n",
                                        "2\r\n{}\r\n",
                                        "ffffffffffffffff\r\n{}",
                                        "2;ext=\"\r\n{}\r\n0\r\n\r\n")));
            case 4 ->
                ascii("GET " + path + " HTTP/1.1\r\n" + host + "X-Big: " + "a".repeat(9000 + r.nextInt(20000))
                        + "\r\nConnection: close\r\n\r\n");
            case 5 ->
                ascii("GET /" + "a".repeat(9000 + r.nextInt(10000)) + " HTTP/1.1\r\n" + host
                        + "Connection: close\r\n\r\n");
            case 6 ->
                ascii("GET " + path + " HTTP/1.1\r\n" + host + "Bad Header Without Colon\r\nConnection: close\r\n\r\n");
            case 7 ->
                ascii("GET "
                        + pick(
                                r,
                                List.of(
                                        "/api/%",
                                        "/api/%zz",
                                        "/api/%2e%2e/admin/api/escalations",
                                        "/api/..%2f..%2fetc",
                                        "/api/checklist/assessments/%00",
                                        "/api/checklist/assessments/a%2Fb",
                                        "/api//ask",
                                        "/api/./ask",
                                        "/%c0%af",
                                        "/api/checklist/assessments/" + "%ff".repeat(20),
                                        "*",
                                        "http://evil.example/api/ask",
                                        "/api/ask#frag"))
                        + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n");
            case 8 ->
                ascii("POST " + path + " HTTP/1.1\r\n" + host
                        + "Content-Type: application/json\r\nContent-Length: 2\r\n"
                        + "Content-Length: 40\r\nConnection: close\r\n\r\n{}");
            case 9 ->
                concat(
                        ascii("POST " + path + " HTTP/1.1\r\n" + host + "Content-Type: application/json\r\nX-\u00ff: "),
                        randomBytes(r, 20),
                        ascii("\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"));
            case 10 ->
                ascii(pick(
                        r,
                        List.of(
                                "GET " + path + " HTTP/0.9\r\n\r\n",
                                "GET " + path + " HTTP/2.0\r\n" + host + "\r\n",
                                "GET " + path + " FOO/1.1\r\n" + host + "\r\n",
                                "GET " + path + "\r\n\r\n",
                                "\r\n\r\n\r\n",
                                "GET " + path + " HTTP/1.1\r\n\r\n",
                                "GET " + path + " HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")));
            default ->
                concat(
                        ascii("POST " + path + " HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n"
                                + "Content-Length: 100\r\nConnection: close\r\n\r\n"),
                        randomBytes(r, 40)); // a body cut short
        };
        String described = "raw #" + index + " kind " + kind + ": "
                + abbreviate(new String(request, 0, Math.min(request.length, 160), StandardCharsets.ISO_8859_1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            socket.setSoTimeout(kind == 11 || kind == 3 || kind == 2 ? 3000 : 15000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                // The server may already have answered and closed (e.g. a header too large).
            }
            byte[] answer = readAll(socket.getInputStream());
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            if (text.isEmpty()) {
                statuses.computeIfAbsent("raw-closed", k -> new AtomicInteger()).incrementAndGet();
                return;
            }
            if (!text.startsWith("HTTP/1.")) {
                failures.add(described + ": not an HTTP answer: " + abbreviate(text));
                return;
            }
            int status = Integer.parseInt(text.substring(9, 12));
            statuses.computeIfAbsent("raw-" + status, k -> new AtomicInteger()).incrementAndGet();
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            boolean retryAfter = head.toLowerCase().contains("\r\nretry-after:");
            boolean notHttp11 = kind == 10
                    && !new String(request, StandardCharsets.ISO_8859_1).split("\r\n", 2)[0].endsWith(" HTTP/1.1");
            if (status == 505 && notHttp11) {
                // Jetty's own, correct answer to a request line that is not HTTP/1.x.
            } else if (status >= 500 && !(status == 503 && retryAfter)) {
                failures.add(described + ": status " + status + ": " + abbreviate(text));
            }
            if (STACK_TRACE.matcher(body).find() || (status >= 300 && body.contains("Exception"))) {
                failures.add(described + ": looks like a stack trace: " + abbreviate(body));
            }
            // Even a request that is not valid HTTP gets the JSON error, not Jetty's page with the request echoed back.
            if (status >= 400 && !head.toLowerCase().contains("content-type: application/json")) {
                failures.add(described + ": a " + status + " that is not JSON: " + abbreviate(text));
            }
        } catch (SocketTimeoutException e) {
            // The server waits for the rest of a body that never comes: that is holding, not failing.
            statuses.computeIfAbsent("raw-timeout", k -> new AtomicInteger()).incrementAndGet();
        } catch (IOException e) {
            statuses.computeIfAbsent("raw-reset", k -> new AtomicInteger()).incrementAndGet();
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            if (out.size() == 0) {
                throw e;
            }
        } catch (IOException e) {
            if (out.size() == 0) {
                throw e;
            }
        }
        return out.toByteArray();
    }

    private byte[] body(Random r, String path) {
        int kind = r.nextInt(100);
        if (kind < 12) {
            return randomBytes(r, r.nextInt(r.nextInt(10) == 0 ? 20_000 : 200));
        } else if (kind < 50) {
            return ascii(json(r, 0));
        } else if (kind < 62) {
            return wrongTypes(r, path);
        } else if (kind < 66) {
            return ascii("[".repeat(r.nextBoolean() ? 100_000 : 33 + r.nextInt(2000)));
        } else if (kind < 68) {
            return ascii("{\"question\":" + "{\"a\":".repeat(40 + r.nextInt(5000)));
        } else if (kind < 74) {
            // Invalid UTF-8 inside otherwise valid JSON.
            return concat(
                    ascii("{\"question\":\""), randomBytes(r, 1 + r.nextInt(30)), ascii("\",\"email\":\"a@b.cc\"}"));
        } else if (kind < 78) {
            // Huge strings: over the endpoint limits, over the body limits, and rarely over what the server reads at
            // all.
            int size = r.nextInt(20) == 0
                    ? JsonRequests.READ_LIMIT_BYTES + 1 + r.nextInt(100_000)
                    : r.nextBoolean() ? 70_000 + r.nextInt(10_000) : 2_000 + r.nextInt(15_000);
            return ascii("{\"" + pick(r, FIELDS) + "\":\"" + "x".repeat(size) + "\"}");
        } else if (kind < 80) {
            return new byte[0];
        } else if (kind < 82) {
            return ascii(pick(
                    r,
                    List.of(
                            "null",
                            "true",
                            "1",
                            "\"string\"",
                            "[]",
                            "{}",
                            " ",
                            "{",
                            "}",
                            "{\"a\":1}{}",
                            "{\"question\":\"q\"}garbage",
                            "{'question':'single'}",
                            "{question:1}",
                            "{\"question\":NaN}",
                            "/* comment */ {}",
                            "\ufeff{\"question\":\"bom\"}")));
        } else if (kind < 85) {
            return ascii(json(r, 0)).length > 0
                    ? new String(ascii(json(r, 0)), StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_16)
                    : new byte[0];
        } else {
            return plausible(r, path);
        }
    }

    /** A body of the right fields with the wrong kinds of values. */
    private byte[] wrongTypes(Random r, String path) {
        Map<String, Object> body = new TreeMap<>();
        for (String field : fieldsOf(path)) {
            if (r.nextInt(4) > 0) {
                body.put(field, randomValue(r, 0));
            }
        }
        try {
            return mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Nearly valid bodies, with one thing off, so the requests also get past the first checks. */
    private byte[] plausible(Random r, String path) {
        Map<String, Object> body = new TreeMap<>();
        switch (path) {
            case "/api/ask", "/api/ask/stream" -> {
                body.put(
                        "question",
                        r.nextInt(4) == 0
                                ? "copyright " + randomText(r, r.nextInt(50), 0x20, 0x2ff)
                                : randomText(r, r.nextInt(30), 0, 0xffff));
                body.put("language", pick(r, List.of("en", "nl", "NL ", "de", "", "english")));
            }
            case "/api/feedback" -> {
                body.put("rating", pick(r, List.of("up", "down", "UP", "sideways")));
                body.put("question", randomText(r, r.nextInt(30), 0x20, 0x7e));
                body.put("answer", randomText(r, r.nextInt(30), 0x20, 0x7e));
                body.put("outcome", pick(r, List.of("answered", "escalate", "off_topic", "other")));
                body.put("comment", randomText(r, r.nextInt(1100), 0, 0xffff));
            }
            case "/api/escalations" -> {
                body.put(
                        "email",
                        pick(
                                r,
                                List.of(
                                        "researcher@wur.nl",
                                        "a@b",
                                        "x@y.zz\r\nBcc: v@evil.example",
                                        "<x@y.zz>",
                                        "x@y.zz, v@evil.example",
                                        randomText(r, 30, 0x21, 0x7e))));
                body.put(
                        "name",
                        pick(
                                r,
                                List.of(
                                        "Jan",
                                        "Eve\r\nBcc: v@evil.example",
                                        randomText(r, r.nextInt(120), 0, 0xffff))));
                body.put("question", randomText(r, r.nextInt(r.nextInt(10) == 0 ? 5000 : 100), 0, 0xffff));
                body.put(
                        "transcript",
                        List.of(Map.of(
                                "role",
                                pick(r, List.of("user", "helpdesk", "system")),
                                "text",
                                randomText(r, r.nextInt(100), 0, 0xffff))));
                body.put("assessmentId", pick(r, List.of("abc", "../x", randomText(r, r.nextInt(50), 0x21, 0x7e))));
                body.put("language", pick(r, List.of("en", "nl", "fr")));
                body.put("origin", pick(r, List.of("chat", "checklist", "email")));
            }
            case "/api/checklist/assess" -> {
                Map<String, Object> answers = new TreeMap<>();
                answers.put("material", pick(r, List.of("text", "images", "nope", "")));
                for (int i = r.nextInt(r.nextInt(10) == 0 ? 100 : 5); i > 0; i--) {
                    answers.put(
                            randomText(r, r.nextInt(80), 0x20, 0x7e),
                            r.nextInt(5) == 0 ? randomValue(r, 0) : randomText(r, r.nextInt(80), 0x20, 0x7e));
                }
                body.put("answers", answers);
                body.put("language", pick(r, List.of("en", "nl", "xx")));
            }
            case "/admin/api/login" -> body.put("password", randomText(r, r.nextInt(300), 0, 0xffff));
            default -> body.put(pick(r, FIELDS), randomText(r, r.nextInt(100), 0x20, 0x7e));
        }
        try {
            return mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fieldsOf(String path) {
        return switch (path) {
            case "/api/ask", "/api/ask/stream" -> List.of("question", "language", "conversationId");
            case "/api/feedback" ->
                List.of("rating", "question", "answer", "outcome", "comment", "language", "conversationId");
            case "/api/escalations" ->
                List.of(
                        "email",
                        "name",
                        "question",
                        "transcript",
                        "assessmentId",
                        "quoteConsent",
                        "language",
                        "origin");
            case "/api/checklist/assess" -> List.of("answers", "language");
            case "/api/optout-check" -> List.of("url", "language");
            case "/admin/api/login" -> List.of("password");
            default -> FIELDS;
        };
    }

    private String json(Random r, int depth) {
        try {
            Map<String, Object> object = new TreeMap<>();
            for (int i = r.nextInt(6); i > 0; i--) {
                object.put(
                        r.nextInt(3) == 0 ? randomText(r, r.nextInt(10), 0, 0xffff) : pick(r, FIELDS),
                        randomValue(r, depth + 1));
            }
            return mapper.writeValueAsString(object);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object randomValue(Random r, int depth) {
        int kind = r.nextInt(depth > 3 ? 6 : 9);
        return switch (kind) {
            case 0 -> null;
            case 1 -> r.nextBoolean();
            case 2 -> r.nextInt(3) == 0 ? r.nextDouble() * 1e300 : r.nextLong();
            case 3, 4, 5 ->
                randomText(r, r.nextInt(r.nextInt(30) == 0 ? 3000 : 40), 0, r.nextBoolean() ? 0x7f : 0xffff);
            case 6, 7 -> {
                List<Object> list = new ArrayList<>();
                for (int i = r.nextInt(r.nextInt(20) == 0 ? 60 : 4); i > 0; i--) {
                    list.add(randomValue(r, depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new TreeMap<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    map.put(
                            r.nextBoolean()
                                    ? pick(r, List.of("role", "text", "material", "question"))
                                    : randomText(r, 6, 0x20, 0x7e),
                            randomValue(r, depth + 1));
                }
                yield map;
            }
        };
    }

    private String randomGetPath(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> "/api/checklist/assessments/" + randomSegment(r);
            case 1 -> "/api/checklist/assessments/" + randomSegment(r) + "/report.md";
            case 2 -> "/admin/api/escalations/" + randomSegment(r);
            default -> pick(r, GET_PATHS);
        };
    }

    private String unknownPath(Random r) {
        return pick(
                        r,
                        List.of(
                                "/api/",
                                "/api/x",
                                "/admin/api/",
                                "/admin/api/nothing",
                                "/api/ask/",
                                "/api/ask/stream/x",
                                "/api/escalations/1",
                                "/admin/api/escalations/CIP-2026-000001/delete",
                                "/nothing.html",
                                "/"))
                + (r.nextBoolean() ? randomSegment(r) : "");
    }

    /** A path segment of random characters, percent-encoded where a URI needs it; never an ambiguous one. */
    private String randomSegment(Random r) {
        while (true) {
            String raw = randomText(r, r.nextInt(r.nextInt(20) == 0 ? 300 : 30), 0x20, r.nextBoolean() ? 0x7e : 0x2ff);
            StringBuilder out = new StringBuilder();
            for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                if ((c >= 'a' && c <= 'z')
                        || (c >= 'A' && c <= 'Z')
                        || (c >= '0' && c <= '9')
                        || "-_~".indexOf(c) >= 0) {
                    out.append((char) c);
                } else if (c == '/' || c == '.' || c == '%' || c == '\\' || c == ';') {
                    out.append(
                            '_'); // encoded slashes and dots are Jetty's ambiguous URIs: the raw-socket requests send
                    // them
                } else {
                    out.append('%').append(String.format("%02X", c));
                }
            }
            if (!STACK_TRACE.matcher(out).find() && !out.toString().contains("Exception")) {
                return out.toString();
            }
        }
    }

    private String randomQuery(Random r) {
        return pick(r, List.of("language", "status", "limit", "before", "x")) + "=" + randomSegment(r)
                + (r.nextBoolean() ? "&language=" + pick(r, List.of("en", "nl", "xx", "")) : "");
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    private static <T> T pick(Random r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    private static String randomText(Random r, int length, int from, int to) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) (from + r.nextInt(to - from + 1)));
        }
        return out.toString();
    }

    private static byte[] randomBytes(Random r, int length) {
        byte[] bytes = new byte[length];
        r.nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(byte[] b) {
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The bytes as text a report can show: printable ASCII as it is, everything else as \\xNN. */
    private static String printable(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            out.append(c >= 0x20 && c < 0x7f && c != '\\' ? String.valueOf((char) c) : String.format("\\x%02X", c));
        }
        return out.toString();
    }

    private static String abbreviate(String s) {
        String flat = s.replace("\r", "\\r").replace("\n", "\\n");
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }
}
