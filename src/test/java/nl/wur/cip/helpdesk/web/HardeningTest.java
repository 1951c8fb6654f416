package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.wur.cip.helpdesk.guard.GuardSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Headers on every kind of response, the CSRF and method matrix, rate limits, overload, metrics and request logs. */
class HardeningTest {
    private static final List<String> CSP_PARTS =
            List.of("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'");
    private static final List<String> POST_ROUTES = List.of(
            "/api/ask",
            "/api/ask/stream",
            "/api/feedback",
            "/api/escalations",
            "/api/checklist/assess",
            "/api/optout-check",
            "/admin/api/login");

    /** The tests without limits share one server; those with limits or a metrics token start their own. */
    @RegisterExtension
    static final HelpdeskServerExtension unlimited =
            HelpdeskServerExtension.builder().checklist().build();

    private static HelpdeskServerExtension start(GuardSettings guards) {
        return HelpdeskServerExtension.builder().guards(guards).checklist().start();
    }

    @Test
    void everyKindOfResponseCarriesTheSecurityHeaders() throws Exception {
        HelpdeskServerExtension server = unlimited;
        List<HttpResponse<String>> responses = List.of(
                server.send("GET", "/", null, null, Map.of()), // the page
                server.send("GET", "/app.js", null, null, Map.of()), // a static file
                server.send("GET", "/api/health", null, null, Map.of()), // JSON
                server.send("POST", "/api/ask", "application/json", "{\"question\":\"May I mine?\"}", Map.of()),
                server.send("POST", "/api/ask", "application/json", "{", Map.of()), // 400
                server.send("GET", "/api/nothing-here", null, null, Map.of()), // API 404
                server.send("GET", "/nothing-here.css", null, null, Map.of()), // static 404
                server.send("DELETE", "/api/ask", null, null, Map.of()), // 405
                server.send("POST", "/api/ask", "text/plain", "x", Map.of()), // 415
                server.send("GET", "/admin/api/escalations", null, null, Map.of()), // admin refusal
                server.send("POST", "/api/ask/stream", "application/json", "{\"question\":\"May I mine?\"}", Map.of()),
                server.send("GET", "/metrics", null, null, Map.of()));
        for (HttpResponse<String> r : responses) {
            String what = r.request().method() + " " + r.request().uri().getPath() + " -> " + r.statusCode();
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            CSP_PARTS.forEach(part -> assertTrue(csp.contains(part), what + ": CSP lacks " + part));
            assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), what);
            assertEquals(
                    "nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), what);
            assertEquals(
                    "no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""), what);
            assertTrue(r.headers().firstValue("Server").isEmpty(), what + ": no server name or version");
            assertTrue(r.headers().firstValue("X-Request-Id").isPresent(), what);
            assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), what + ": no CORS");
            if (r.request().uri().getPath().startsWith("/api/")) {
                assertTrue(r.headers().firstValue("Cache-Control").orElse("").contains("no-store"), what);
            }
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (type.startsWith("application/json")) {
                assertTrue(type.toLowerCase().contains("charset=utf-8"), what + ": " + type);
            }
            assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), what + ": no stack trace");
        }
    }

    @Test
    void requestsJettyRefusesBeforeAnyRouteGetTheSameJsonError() throws Exception {
        HelpdeskServerExtension server = unlimited;
        // Found by MalformedRequestsTest: three long headers made Jetty answer its own HTML page, the request echoed
        // back.
        HttpResponse<String> bigHeaders = server.send(
                "POST",
                "/api/ask",
                "application/json",
                "{\"question\":\"May I mine?\"}",
                Map.of("X-One", "a".repeat(4000), "X-Two", "b".repeat(4000), "X-Three", "c".repeat(4000)));
        HttpResponse<String> longUri = server.send("GET", "/api/" + "d".repeat(12_000), null, null, Map.of());
        for (HttpResponse<String> r : List.of(bigHeaders, longUri)) {
            String what = r.request().method() + " -> " + r.statusCode() + ": " + r.body();
            assertTrue(r.statusCode() == 431 || r.statusCode() == 414, what);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), what);
            assertTrue(
                    new ObjectMapper().readTree(r.body()).path("error").asText().startsWith("the request was refused"),
                    what);
            assertFalse(
                    r.body().contains("aaaa")
                            || r.body().contains("dddd")
                            || r.body().contains("<html"),
                    what);
        }
    }

    @Test
    void stateChangingRequestsMustBeJsonAndSameSite() throws Exception {
        HelpdeskServerExtension server = unlimited;
        for (String path : POST_ROUTES) {
            Map<String, String> key =
                    Map.of("Idempotency-Key", UUID.randomUUID().toString());
            assertEquals(415, server.send("POST", path, "text/plain", "{}", key).statusCode(), path + " text/plain");
            assertEquals(
                    415,
                    server.send("POST", path, "application/x-www-form-urlencoded", "a=b", key)
                            .statusCode(),
                    path);
            assertEquals(415, server.send("POST", path, null, "{}", key).statusCode(), path + " no content type");
            assertEquals(
                    403,
                    server.send("POST", path, "application/json", "{}", Map.of("Origin", "https://evil.example"))
                            .statusCode(),
                    path + " foreign Origin");
            assertEquals(
                    403,
                    server.send("POST", path, "application/json", "{}", Map.of("Sec-Fetch-Site", "cross-site"))
                            .statusCode(),
                    path + " cross-site fetch");
            int sameSite = server.send(
                            "POST",
                            path,
                            "application/json",
                            "{}",
                            Map.of("Origin", "http://localhost:" + server.port(), "Sec-Fetch-Site", "same-origin"))
                    .statusCode();
            assertNotEquals(403, sameSite, path + " from the page itself");
            assertNotEquals(415, sameSite, path);
            for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
                // With admin off, every admin route answers 404 whatever the method.
                if (!path.startsWith("/admin/")) {
                    assertEquals(
                            405, server.send(method, path, null, null, Map.of()).statusCode(), method + " " + path);
                }
            }
        }
    }

    @Test
    void aClientOverItsQuestionLimitGets429WithRetryAfter() throws Exception {
        try (HelpdeskServerExtension server = start(new GuardSettings(10, 20, 10, 0, 0, 0, 4, 64, 0, 0))) {
            List<Integer> statuses = new ArrayList<>();
            HttpResponse<String> limited = null;
            for (int i = 0; i < 12; i++) {
                HttpResponse<String> r =
                        server.send("POST", "/api/ask", "application/json", "{\"question\":\"May I mine?\"}", Map.of());
                statuses.add(r.statusCode());
                if (r.statusCode() == 429) {
                    limited = r;
                }
            }
            assertEquals(
                    List.of(200, 200, 200, 200, 200), statuses.subList(0, 5), "the burst goes through: " + statuses);
            assertTrue(limited != null, "then the limit: " + statuses);
            assertTrue(
                    Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow()) >= 1);
            assertTrue(limited.body().contains("\"error\""));
            assertEquals(
                    200,
                    server.send("GET", "/api/health", null, null, Map.of()).statusCode(),
                    "other routes still work");
        }
    }

    @Test
    void assessmentsAndAdminLoginsHaveTheirOwnPerClientLimits() throws Exception {
        try (HelpdeskServerExtension server = start(GuardSettings.UNLIMITED.withClientLimits(0, 0, 0, 5, 5, 0))) {
            for (String route : List.of("/api/checklist/assess", "/admin/api/login")) {
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    statuses.add(server.send(
                                    "POST",
                                    route,
                                    "application/json",
                                    route.contains("login") ? "{\"password\":\"x\"}" : "{\"answers\":{}}",
                                    Map.of())
                            .statusCode());
                }
                assertNotEquals(429, statuses.get(0), route + ": " + statuses);
                assertTrue(statuses.contains(429), route + " is limited: " + statuses);
            }
        }
    }

    @Test
    void pastTheAnswerGateRequestsGet503WithRetryAfterAndNothingElse() throws Exception {
        try (HelpdeskServerExtension server = start(new GuardSettings(0, 0, 0, 0, 0, 0, 1, 0, 0, 0))) {
            int clients = 40;
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String question =
                        "{\"question\":\"Question " + i + " " + UUID.randomUUID() + ": may I mine news articles?\"}";
                futures.add(pool.submit(() -> {
                    go.await();
                    return server.send("POST", "/api/ask", "application/json", question, Map.of());
                }));
            }
            go.countDown();
            int answered = 0;
            int busy = 0;
            for (Future<HttpResponse<String>> f : futures) {
                HttpResponse<String> r = f.get();
                if (r.statusCode() == 503) {
                    busy++;
                    assertTrue(r.headers().firstValue("Retry-After").isPresent(), "503 says when to retry");
                } else {
                    assertEquals(200, r.statusCode(), r.body());
                    answered++;
                }
            }
            pool.shutdown();
            assertTrue(answered >= 1 && busy >= 1, "answered " + answered + ", turned away " + busy);
            assertEquals(
                    200,
                    server.send("POST", "/api/ask", "application/json", "{\"question\":\"May I mine?\"}", Map.of())
                            .statusCode(),
                    "answers again once the burst is over");
        }
    }

    @Test
    void metricsArePrometheusTextAndCanRequireAToken() throws Exception {
        try (HelpdeskServerExtension server = HelpdeskServerExtension.builder()
                .checklist()
                .metricsToken("s3cret-token")
                .start()) {
            server.send(
                    "POST",
                    "/api/ask",
                    "application/json",
                    "{\"question\":\"What is a good pizza recipe?\"}",
                    Map.of());
            assertEquals(
                    401, server.send("GET", "/metrics", null, null, Map.of()).statusCode());
            HttpResponse<String> metrics =
                    server.send("GET", "/metrics", null, null, Map.of("Authorization", "Bearer s3cret-token"));
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            String text = metrics.body();
            assertTrue(
                    text.contains("helpdesk_http_requests_total{method=\"POST\",route=\"/api/ask\",status=\"200\"} 1"),
                    text);
            assertTrue(
                    text.contains("helpdesk_http_request_duration_seconds_count{method=\"POST\",route=\"/api/ask\"} 1"),
                    text);
            assertTrue(text.contains("helpdesk_answers_total{outcome=\"off_topic\"} 1"), text);
            assertTrue(text.contains("helpdesk_escalation_mails{state=\"queued\"} 0"), text);
            assertEquals(
                    200,
                    server.send("GET", "/api/health/live", null, null, Map.of()).statusCode());
        }
    }

    @Test
    void theLogHasOneLinePerRequestWithoutTheQuestionAndCannotBeForged() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        try {
            HelpdeskServerExtension server = unlimited;
            String marker = "zebra-" + UUID.randomUUID();
            HttpResponse<String> r = server.send(
                    "POST",
                    "/api/ask",
                    "application/json",
                    "{\"question\":\"What is a pizza " + marker + " for ada@example.org?\"}",
                    Map.of());
            server.send("GET", "/api/x%0D%0AINFO%20forged%20line", null, null, Map.of());
            String id = r.headers().firstValue("X-Request-Id").orElseThrow();
            List<String> lines = captured.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
            assertTrue(
                    lines.stream()
                            .anyMatch(l -> l.startsWith("request id=" + id + " method=POST path=/api/ask status=200")),
                    String.join("\n", lines));
            for (String line : lines) {
                assertFalse(line.contains(marker) || line.contains("ada@example.org"), "no question text: " + line);
                assertFalse(line.contains("\n") || line.contains("\r"), "one line: " + line);
            }
        } finally {
            root.detachAppender(captured);
        }
    }
}
