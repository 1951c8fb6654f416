package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.wur.cip.helpdesk.TestHelpdesk;
import nl.wur.cip.helpdesk.admin.AdminAuth;
import nl.wur.cip.helpdesk.admin.AdminIdentity;
import nl.wur.cip.helpdesk.storage.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin inbox API: nothing without a session, throttled guessing, and the office's actions on escalations. */
class AdminApiTest {
    private static final String PASSWORD = "a long admin password";
    private static final List<String[]> ROUTES = List.of(
            new String[] {"GET", "/admin/api/session"},
            new String[] {"GET", "/admin/api/escalations"},
            new String[] {"GET", "/admin/api/escalations/CIP-2026-000001"},
            new String[] {"POST", "/admin/api/escalations/CIP-2026-000001/retry"},
            new String[] {"POST", "/admin/api/escalations/CIP-2026-000001/handled"},
            new String[] {"GET", "/admin/api/feedback"},
            new String[] {"GET", "/admin/api/unanswered"},
            new String[] {"GET", "/admin/api/people/export?email=ada@example.org"},
            new String[] {"POST", "/admin/api/people/delete"},
            new String[] {"GET", "/admin/api/audit"},
            new String[] {"POST", "/admin/api/logout"});

    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private Database database;
    private HelpdeskServer server;

    @BeforeEach
    void start() {
        database = Database.open("jdbc:h2:mem:admin-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        server = serverWith(Optional.of(new AdminAuth(PASSWORD, Clock.systemUTC(), database)));
    }

    private HelpdeskServer serverWith(Optional<AdminAuth> admin) {
        HelpdeskServer started = new HelpdeskServer(Path.of("web"), TestHelpdesk.servicesWithoutMail(database, admin,
                Clock.systemUTC()), Clock.systemUTC()).start(0);
        started.ready(TestHelpdesk.extractive());
        return started;
    }

    @AfterEach
    void stop() {
        server.close();
        database.close();
    }

    private HttpResponse<String> send(HelpdeskServer target, String method, String path, String json, String cookie)
            throws Exception {
        // State-changing requests are JSON, as the admin page sends them.
        String body = json == null && method.equals("POST") ? "{}" : json;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + target.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String login() throws Exception {
        HttpResponse<String> response = send(server, "POST", "/admin/api/login", "{\"password\":\"" + PASSWORD + "\"}", null);
        assertEquals(200, response.statusCode(), response.body());
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Path=/admin"), setCookie);
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Test
    void everyAdminRouteRefusesAnAnonymousRequest() throws Exception {
        for (String[] route : ROUTES) {
            HttpResponse<String> response = send(server, route[0], route[1], null, null);
            assertEquals(401, response.statusCode(), route[0] + " " + route[1]);
            assertTrue(mapper.readTree(response.body()).has("error"));
            HttpResponse<String> forged = send(server, route[0], route[1], null, AdminEndpoints.COOKIE + "=forged-token");
            assertEquals(401, forged.statusCode(), "a made-up session: " + route[1]);
        }
    }

    @Test
    void everyAdminRouteIsClosedWhenNoPasswordIsConfigured() throws Exception {
        try (HelpdeskServer disabled = serverWith(Optional.empty())) {
            for (String[] route : ROUTES) {
                assertEquals(404, send(disabled, route[0], route[1], null, null).statusCode(), route[1]);
            }
            HttpResponse<String> login = send(disabled, "POST", "/admin/api/login", "{\"password\":\"anything\"}", null);
            assertEquals(404, login.statusCode());
            assertTrue(mapper.readTree(login.body()).get("error").asText().contains("HELPDESK_ADMIN_PASSWORD"));
            for (String open : List.of("/admin/api/login-options", "/admin/api/oidc/start", "/admin/api/oidc/callback?code=x")) {
                assertEquals(404, send(disabled, "GET", open, null, null).statusCode(), open);
            }
        }
    }

    @Test
    void thePasswordLoginIsAHandlerAndTheAuditListSaysSo() throws Exception {
        JsonNode options = mapper.readTree(send(server, "GET", "/admin/api/login-options", null, null).body());
        assertTrue(options.get("password").asBoolean());
        assertFalse(options.get("oidc").asBoolean());
        HttpResponse<String> noProvider = send(server, "GET", "/admin/api/oidc/start", null, null);
        assertEquals(404, noProvider.statusCode(), "no OpenID Connect provider configured");
        assertTrue(mapper.readTree(noProvider.body()).get("error").asText().contains("HELPDESK_OIDC_DISCOVERY_URL"));

        String cookie = login();
        JsonNode session = mapper.readTree(send(server, "GET", "/admin/api/session", null, cookie).body());
        assertEquals("handler", session.get("role").asText());
        assertEquals(AdminIdentity.PASSWORD_ACCOUNT, session.get("account").asText());
        JsonNode audit = mapper.readTree(send(server, "GET", "/admin/api/audit", null, cookie).body());
        assertEquals("login", audit.get(0).get("action").asText());
        assertEquals(AdminIdentity.PASSWORD_ACCOUNT, audit.get(0).get("account").asText());
        assertEquals("password", audit.get(0).get("target").asText());
    }

    @Test
    void wrongPasswordsAreThrottled() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, send(server, "POST", "/admin/api/login", "{\"password\":\"wrong " + i + "\"}", null).statusCode());
        }
        HttpResponse<String> throttled = send(server, "POST", "/admin/api/login", "{\"password\":\"" + PASSWORD + "\"}", null);
        assertEquals(429, throttled.statusCode(), "even the right password waits out the lock");
        assertTrue(Integer.parseInt(throttled.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        assertFalse(throttled.headers().firstValue("Set-Cookie").isPresent());
    }

    @Test
    void theOfficeListsShowsRetriesAndHandlesEscalations() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> submitted = client.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + server.port() + "/api/escalations"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"ada@example.org\",\"question\":\"May I scrape X?\","
                        + "\"quoteConsent\":true}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, submitted.statusCode());
        JsonNode receipt = mapper.readTree(submitted.body());
        assertFalse(receipt.get("mailConfigured").asBoolean(), "no SMTP: stored for the inbox");
        assertEquals("copyright@wur.nl", receipt.get("officeAddress").asText());
        String ticket = receipt.get("ticket").asText();

        String cookie = login();
        JsonNode list = mapper.readTree(send(server, "GET", "/admin/api/escalations?status=queued", null, cookie).body());
        assertEquals(ticket, list.get(0).get("ticket").asText());
        assertEquals("ada@example.org", list.get(0).get("email").asText());

        JsonNode shown = mapper.readTree(send(server, "GET", "/admin/api/escalations/" + ticket, null, cookie).body());
        assertEquals("May I scrape X?", shown.get("question").asText());
        assertTrue(shown.get("quoteConsent").asBoolean());
        assertEquals(2, shown.get("deliveries").size());

        assertEquals(409, send(server, "POST", "/admin/api/escalations/" + ticket + "/retry", null, cookie).statusCode(),
                "nothing failed, nothing to retry");
        assertEquals(200, send(server, "POST", "/admin/api/escalations/" + ticket + "/handled", null, cookie).statusCode());
        JsonNode handled = mapper.readTree(send(server, "GET", "/admin/api/escalations?status=handled", null, cookie).body());
        assertEquals(ticket, handled.get(0).get("ticket").asText());
        assertEquals(404, send(server, "GET", "/admin/api/escalations/CIP-1999-000999", null, cookie).statusCode());
        assertEquals(400, send(server, "GET", "/admin/api/escalations?status=lost", null, cookie).statusCode());

        assertEquals(200, send(server, "POST", "/admin/api/logout", null, cookie).statusCode());
        assertEquals(401, send(server, "GET", "/admin/api/escalations", null, cookie).statusCode(), "logged out");
    }

    @Test
    void theOfficeExportsAndErasesOnePersonsEscalations() throws Exception {
        for (String email : List.of("ada@example.org", "Ada@Example.org", "bob@example.org")) {
            HttpResponse<String> submitted = client.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + server.port() + "/api/escalations"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"question\":\"Question of "
                            + email + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, submitted.statusCode());
        }
        String cookie = login();
        HttpResponse<String> export = send(server, "GET", "/admin/api/people/export?email=ada@example.org", null, cookie);
        assertEquals(200, export.statusCode());
        assertTrue(export.headers().firstValue("Content-Disposition").orElseThrow().contains("attachment"));
        JsonNode exported = mapper.readTree(export.body()).get("escalations");
        assertEquals(2, exported.size(), "both of Ada's escalations, whatever the case of the address");
        assertTrue(exported.get(0).get("question").asText().startsWith("Question of "));

        HttpResponse<String> erase = send(server, "POST", "/admin/api/people/delete", "{\"email\":\"ada@example.org\"}", cookie);
        assertEquals(2, mapper.readTree(erase.body()).get("escalationsErased").asInt());
        JsonNode after = mapper.readTree(send(server, "GET", "/admin/api/people/export?email=ada@example.org", null, cookie)
                .body()).get("escalations");
        assertEquals(0, after.size(), "nothing is left under her address");
        JsonNode all = mapper.readTree(send(server, "GET", "/admin/api/escalations", null, cookie).body());
        assertEquals(3, all.size(), "the tickets stay");
        assertTrue(all.toString().contains("bob@example.org"), "others are untouched");
        assertFalse(all.toString().toLowerCase().contains("ada@example.org"));
        assertEquals(400, send(server, "GET", "/admin/api/people/export?email=not-an-address", null, cookie).statusCode());
    }

    @Test
    void theOfficeSeesFeedbackAndTheQuestionsTheHelpdeskCouldNotAnswer() throws Exception {
        send(server, "POST", "/api/ask", "{\"question\":\"What is a good recipe for apple pie? Mail me at ada@example.org\"}",
                null);
        send(server, "POST", "/api/feedback", "{\"rating\":\"down\",\"question\":\"q\",\"answer\":\"a\",\"outcome\":\"answered\"}",
                null);
        String cookie = login();
        JsonNode unanswered = mapper.readTree(send(server, "GET", "/admin/api/unanswered", null, cookie).body());
        assertEquals("off_topic", unanswered.get(0).get("outcome").asText());
        String logged = unanswered.get(0).get("question").asText();
        assertTrue(logged.contains("apple pie"), logged);
        assertFalse(logged.contains("ada@example.org"), "no e-mail address is kept: " + logged);
        JsonNode feedback = mapper.readTree(send(server, "GET", "/admin/api/feedback", null, cookie).body());
        assertEquals("down", feedback.get(0).get("rating").asText());
    }
}
