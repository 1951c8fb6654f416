package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import nl.wur.cip.helpdesk.HelpdeskConfig;
import nl.wur.cip.helpdesk.guard.GuardSettings;
import nl.wur.cip.helpdesk.optout.OptOutChecker;
import nl.wur.cip.helpdesk.optout.OptOutConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /api/optout-check} through the real server: one server whose checker may reach the test site on
 * 127.0.0.1, and one configured as in production, which must refuse private and non-HTTP addresses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OptOutApiTest {
    /** Its checker may reach the test site on 127.0.0.1. */
    @RegisterExtension
    static final HelpdeskServerExtension allowing = HelpdeskServerExtension.builder()
            .starting()
            .optOut(HelpdeskConfig.defaults()
                    .optOut()
                    .withAllowPrivateAddresses(true)
                    .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2)))
            .build();
    /** Configured as in production; no per-client limit (the guards are unlimited), so the tests can share it. */
    @RegisterExtension
    static final HelpdeskServerExtension strict = HelpdeskServerExtension.builder()
            .starting()
            .optOut(HelpdeskConfig.defaults().optOut())
            .build();

    private final ObjectMapper mapper = new ObjectMapper();
    private HttpServer site;
    private final CountDownLatch slowArrived = new CountDownLatch(1);

    @BeforeAll
    void start() throws Exception {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange -> {
            byte[] body;
            String type;
            if (exchange.getRequestURI().getPath().equals("/slow")) {
                slowArrived.countDown();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (exchange.getRequestURI().getPath().equals("/robots.txt")) {
                body = "User-agent: GPTBot\nDisallow: /\n\nUser-agent: CCBot\nDisallow: /\n"
                        .getBytes(StandardCharsets.UTF_8);
                type = "text/plain";
            } else if (exchange.getRequestURI().getPath().startsWith("/articles")
                    || exchange.getRequestURI().getPath().equals("/slow")) {
                body = "<html><head><meta name=\"tdm-reservation\" content=\"1\"></head><body></body></html>"
                        .getBytes(StandardCharsets.UTF_8);
                type = "text/html";
            } else {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        site.setExecutor(Executors.newFixedThreadPool(4));
        site.start();
    }

    @AfterAll
    void stop() {
        site.stop(0);
    }

    private String siteUrl(String path) {
        return "http://127.0.0.1:" + site.getAddress().getPort() + path;
    }

    @Test
    void aReservedPageIsReportedWithSignalsAndCitations() throws Exception {
        HttpResponse<String> response = allowing.post(
                "/api/optout-check",
                mapper.createObjectNode().put("url", siteUrl("/articles/1")).toString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonNode json = mapper.readTree(response.body());
        assertEquals(siteUrl("/articles/1"), json.get("url").asText());
        assertEquals("reserved", json.get("verdict").asText());
        assertTrue(Instant.parse(json.get("checkedAt").asText())
                .isAfter(Instant.now().minusSeconds(60)));
        assertTrue(
                json.get("summary").asText().contains("general exception"),
                json.get("summary").asText());
        JsonNode signals = json.get("signals");
        assertEquals(3, signals.size(), signals.toString());
        JsonNode meta = signals.get(0);
        assertEquals("html-meta", meta.get("source").asText());
        assertTrue(meta.get("reserves").asBoolean());
        assertFalse(meta.has("agent"), "no agent for a signal meant for everyone");
        assertTrue(meta.get("evidence").asText().contains("tdm-reservation"));
        JsonNode gpt = signals.get(1);
        assertEquals("robots.txt", gpt.get("source").asText());
        assertEquals("GPTBot (OpenAI)", gpt.get("agent").asText());
        assertEquals("line 2: Disallow: /", gpt.get("evidence").asText());
        assertEquals("CCBot (Common Crawl)", signals.get(2).get("agent").asText());
        JsonNode citations = json.get("citations");
        assertEquals("dsm-art-4", citations.get(0).get("id").asText());
        assertTrue(citations.get(0).get("title").asText().length() > 10);
        assertTrue(citations.get(0).get("snippet").asText().length() > 20);
    }

    @Test
    void theSummaryComesInDutchWhenAsked() throws Exception {
        JsonNode json = mapper.readTree(allowing.post(
                        "/api/optout-check",
                        mapper.createObjectNode()
                                .put("url", siteUrl("/other"))
                                .put("language", "nl")
                                .toString())
                .body());
        assertEquals("unreachable", json.get("verdict").asText(), json.toString()); // /other is a 404
        assertTrue(
                json.get("summary").asText().contains("kon niet"),
                json.get("summary").asText());
        assertEquals("dsm-art-4-nl", json.get("citations").get(0).get("id").asText());
        assertTrue(json.get("problems").toString().contains("HTTP 404"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://10.0.0.1/",
                "http://192.168.1.1/",
                "http://169.254.169.254/latest/meta-data/",
                "http://[::1]/",
                "http://0.0.0.0/",
                "http://127.0.0.1/",
                "http://localhost/",
                "ftp://example.org/file",
                "file:///etc/passwd",
                "javascript:alert(1)",
                "http://user:pw@example.org/",
                "no url at all"
            })
    void privateLoopbackAndNonHttpAddressesGet400(String url) throws Exception {
        HttpResponse<String> response = strict.post(
                "/api/optout-check", mapper.createObjectNode().put("url", url).toString());
        assertEquals(400, response.statusCode(), response.body());
        String error = mapper.readTree(response.body()).get("error").asText();
        assertTrue(
                error.contains("only public websites")
                        || error.contains("only http://")
                        || error.contains("user name")
                        || error.contains("valid"),
                error);
    }

    @Test
    void badRequestsGetClearMessages() throws Exception {
        assertEquals(
                "'url' is required",
                mapper.readTree(strict.post("/api/optout-check", "{}").body())
                        .get("error")
                        .asText());
        String tooLong = "http://example.org/" + "a".repeat(2100);
        HttpResponse<String> longResponse = strict.post(
                "/api/optout-check",
                mapper.createObjectNode().put("url", tooLong).toString());
        assertEquals(400, longResponse.statusCode());
        assertTrue(longResponse.body().contains("longer than"), longResponse.body());
        HttpResponse<String> language =
                strict.post("/api/optout-check", "{\"url\":\"http://example.org/\",\"language\":\"de\"}");
        assertEquals(400, language.statusCode());
        assertEquals(400, strict.post("/api/optout-check", "not json").statusCode());
    }

    @Test
    void withoutACheckerTheEndpointAnswers503AndEachClientIsLimited() throws Exception {
        GuardSettings tenAMinute = GuardSettings.UNLIMITED.withOptOutChecksPerMinute(10);
        try (HelpdeskServerExtension fresh =
                HelpdeskServerExtension.builder().starting().guards(tenAMinute).start()) {
            HttpResponse<String> starting = fresh.post("/api/optout-check", "{\"url\":\"http://10.0.0.1/\"}");
            assertEquals(503, starting.statusCode());
            fresh.server().optOutReady(strict.optOut());
            for (int i = 0; i < 10; i++) {
                assertEquals(
                        400,
                        fresh.post("/api/optout-check", "{\"url\":\"http://10.0.0.1/\"}")
                                .statusCode());
            }
            HttpResponse<String> limited = fresh.post("/api/optout-check", "{\"url\":\"http://10.0.0.1/\"}");
            assertEquals(429, limited.statusCode());
            long retryAfter =
                    Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
            assertTrue(mapper.readTree(limited.body()).get("error").asText().contains("too many checks"));
        }
    }

    @Test
    void aCheckRunsOffTheRequestThreadAndOneOverTheLimitGets503WithRetryAfter() throws Exception {
        OptOutConfig one = HelpdeskConfig.defaults()
                .optOut()
                .withAllowPrivateAddresses(true)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(3))
                .withConcurrentChecks(1);
        try (HelpdeskServerExtension server =
                HelpdeskServerExtension.builder().starting().optOut(one).start()) {
            CompletableFuture<HttpResponse<String>> first = server.client()
                    .sendAsync(
                            server.request("/api/optout-check")
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(mapper.createObjectNode()
                                            .put("url", siteUrl("/slow"))
                                            .toString()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertTrue(slowArrived.await(5, TimeUnit.SECONDS), "the first check reached the site");
            HttpResponse<String> second = server.post(
                    "/api/optout-check",
                    mapper.createObjectNode().put("url", siteUrl("/articles/2")).toString());
            assertEquals(503, second.statusCode(), second.body());
            assertTrue(second.headers().firstValue("Retry-After").isPresent());
            assertTrue(mapper.readTree(second.body()).get("error").asText().contains("busy"), second.body());
            HttpResponse<String> health = server.get("/api/health/live");
            assertEquals(200, health.statusCode());
            HttpResponse<String> done = first.get(10, TimeUnit.SECONDS);
            assertEquals(200, done.statusCode(), done.body());
            assertEquals("reserved", mapper.readTree(done.body()).get("verdict").asText(), done.body());
            assertTrue(done.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        }
    }

    @Test
    void aHostileSitesRobotsTxtIsCheckedThroughTheRealServerWithinTheBudget() throws Exception {
        // The attack review's site: 512 KB of wildcard rules that each almost match a long path (206 s of CPU before).
        String rule = "Disallow: *" + "a".repeat(2000) + "b\n";
        StringBuilder rules = new StringBuilder("User-agent: *\n");
        while (rules.length() + rule.length()
                < HelpdeskConfig.defaults().optOut().maxBodyBytes()) {
            rules.append(rule);
        }
        byte[] robots = rules.toString().getBytes(StandardCharsets.UTF_8);
        String path = "/" + "a".repeat(1900);
        HttpServer hostile = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hostile.createContext("/", exchange -> {
            boolean isRobots = exchange.getRequestURI().getPath().equals("/robots.txt");
            byte[] body =
                    isRobots ? robots : "<html><head></head><body>hi</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", isRobots ? "text/plain" : "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        hostile.start();
        try {
            long started = System.nanoTime();
            HttpResponse<String> response = allowing.post(
                    "/api/optout-check",
                    mapper.createObjectNode()
                            .put(
                                    "url",
                                    "http://127.0.0.1:" + hostile.getAddress().getPort() + path)
                            .toString());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            System.out.printf("hostile robots.txt through the server: %d ms%n", millis);
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(
                    "none_found",
                    mapper.readTree(response.body()).get("verdict").asText(),
                    response.body());
            assertTrue(millis < 2000 + OptOutChecker.READ_GRACE.toMillis(), millis + " ms");
        } finally {
            hostile.stop(0);
        }
    }

    @Test
    void thePageIsServedWithoutInlineScriptsOrStyles() throws Exception {
        for (String page : new String[] {"/optout.html", "/optout.js", "/i18n.js", "/optout.css"}) {
            HttpResponse<String> response = strict.get(page);
            assertEquals(200, response.statusCode(), page);
            assertTrue(response.headers()
                    .firstValue("Content-Security-Policy")
                    .orElse("")
                    .contains("script-src 'self'"));
            assertFalse(response.body().contains("innerHTML"), page + " must not use innerHTML");
            if (page.endsWith(".html")) {
                assertFalse(response.body().matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "no inline script");
                assertFalse(response.body().contains(" style="), "no inline style");
                assertTrue(response.body().contains("id=\"url\""));
            }
        }
    }
}
