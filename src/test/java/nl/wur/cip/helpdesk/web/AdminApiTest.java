package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import nl.wur.cip.helpdesk.admin.AdminIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
            new String[] {"GET", "/admin/api/insight"},
            new String[] {"GET", "/admin/api/insight/gaps"},
            new String[] {"GET", "/admin/api/insight/counts.csv"},
            new String[] {"GET", "/admin/api/people/export?email=ada@example.org"},
            new String[] {"POST", "/admin/api/people/delete"},
            new String[] {"GET", "/admin/api/audit"},
            new String[] {"POST", "/admin/api/logout"});

    @RegisterExtension
    final HelpdeskServerExtension helpdesk =
            HelpdeskServerExtension.builder().adminPassword(PASSWORD).build();

    private final ObjectMapper mapper = new ObjectMapper();

    /** A route of the table, sent as the admin page sends it: state-changing requests as JSON. */
    private static HttpResponse<String> call(HelpdeskServerExtension on, String[] route, String cookie)
            throws Exception {
        return route[0].equals("POST") ? on.post(route[1], "{}", "Cookie", cookie) : on.get(route[1], "Cookie", cookie);
    }

    private String login() throws Exception {
        HttpResponse<String> response = helpdesk.post("/admin/api/login", "{\"password\":\"" + PASSWORD + "\"}");
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
            HttpResponse<String> response = call(helpdesk, route, null);
            assertEquals(401, response.statusCode(), route[0] + " " + route[1]);
            assertTrue(mapper.readTree(response.body()).has("error"));
            HttpResponse<String> forged = call(helpdesk, route, AdminEndpoints.COOKIE + "=forged-token");
            assertEquals(401, forged.statusCode(), "a made-up session: " + route[1]);
        }
    }

    @Test
    void everyAdminRouteIsClosedWhenNoPasswordIsConfigured() throws Exception {
        try (HelpdeskServerExtension disabled =
                HelpdeskServerExtension.builder().start()) {
            for (String[] route : ROUTES) {
                assertEquals(404, call(disabled, route, null).statusCode(), route[1]);
            }
            HttpResponse<String> login = disabled.post("/admin/api/login", "{\"password\":\"anything\"}");
            assertEquals(404, login.statusCode());
            assertTrue(mapper.readTree(login.body()).get("error").asText().contains("HELPDESK_ADMIN_PASSWORD"));
            for (String open :
                    List.of("/admin/api/login-options", "/admin/api/oidc/start", "/admin/api/oidc/callback?code=x")) {
                assertEquals(404, disabled.get(open).statusCode(), open);
            }
        }
    }

    @Test
    void thePasswordLoginIsAHandlerAndTheAuditListSaysSo() throws Exception {
        JsonNode options =
                mapper.readTree(helpdesk.get("/admin/api/login-options").body());
        assertTrue(options.get("password").asBoolean());
        assertFalse(options.get("oidc").asBoolean());
        HttpResponse<String> noProvider = helpdesk.get("/admin/api/oidc/start");
        assertEquals(404, noProvider.statusCode(), "no OpenID Connect provider configured");
        assertTrue(mapper.readTree(noProvider.body()).get("error").asText().contains("HELPDESK_OIDC_DISCOVERY_URL"));

        String cookie = login();
        JsonNode session = mapper.readTree(
                helpdesk.get("/admin/api/session", "Cookie", cookie).body());
        assertEquals("handler", session.get("role").asText());
        assertEquals(AdminIdentity.PASSWORD_ACCOUNT, session.get("account").asText());
        JsonNode audit = mapper.readTree(
                helpdesk.get("/admin/api/audit", "Cookie", cookie).body());
        assertEquals("login", audit.get(0).get("action").asText());
        assertEquals(AdminIdentity.PASSWORD_ACCOUNT, audit.get(0).get("account").asText());
        assertEquals("password", audit.get(0).get("target").asText());
    }

    @Test
    void wrongPasswordsAreThrottled() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(
                    401,
                    helpdesk.post("/admin/api/login", "{\"password\":\"wrong " + i + "\"}")
                            .statusCode());
        }
        HttpResponse<String> throttled = helpdesk.post("/admin/api/login", "{\"password\":\"" + PASSWORD + "\"}");
        assertEquals(429, throttled.statusCode(), "even the right password waits out the lock");
        assertTrue(
                Integer.parseInt(throttled.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        assertFalse(throttled.headers().firstValue("Set-Cookie").isPresent());
    }

    @Test
    void theOfficeListsShowsRetriesAndHandlesEscalations() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> submitted = helpdesk.post(
                "/api/escalations",
                "{\"email\":\"ada@example.org\",\"question\":\"May I scrape X?\",\"quoteConsent\":true}",
                "Idempotency-Key",
                key);
        assertEquals(202, submitted.statusCode());
        JsonNode receipt = mapper.readTree(submitted.body());
        assertFalse(receipt.get("mailConfigured").asBoolean(), "no SMTP: stored for the inbox");
        assertEquals("copyright@wur.nl", receipt.get("officeAddress").asText());
        String ticket = receipt.get("ticket").asText();

        String cookie = login();
        JsonNode list = mapper.readTree(helpdesk.get("/admin/api/escalations?status=queued", "Cookie", cookie)
                .body());
        assertEquals(ticket, list.get(0).get("ticket").asText());
        assertEquals("ada@example.org", list.get(0).get("email").asText());

        JsonNode shown = mapper.readTree(helpdesk.get("/admin/api/escalations/" + ticket, "Cookie", cookie)
                .body());
        assertEquals("May I scrape X?", shown.get("question").asText());
        assertTrue(shown.get("quoteConsent").asBoolean());
        assertEquals(2, shown.get("deliveries").size());

        assertEquals(
                409,
                helpdesk.post("/admin/api/escalations/" + ticket + "/retry", "{}", "Cookie", cookie)
                        .statusCode(),
                "nothing failed, nothing to retry");
        assertEquals(
                200,
                helpdesk.post("/admin/api/escalations/" + ticket + "/handled", "{}", "Cookie", cookie)
                        .statusCode());
        JsonNode handled = mapper.readTree(helpdesk.get("/admin/api/escalations?status=handled", "Cookie", cookie)
                .body());
        assertEquals(ticket, handled.get(0).get("ticket").asText());
        assertEquals(
                404,
                helpdesk.get("/admin/api/escalations/CIP-1999-000999", "Cookie", cookie)
                        .statusCode());
        assertEquals(
                400,
                helpdesk.get("/admin/api/escalations?status=lost", "Cookie", cookie)
                        .statusCode());

        assertEquals(
                200, helpdesk.post("/admin/api/logout", "{}", "Cookie", cookie).statusCode());
        assertEquals(
                401, helpdesk.get("/admin/api/escalations", "Cookie", cookie).statusCode(), "logged out");
    }

    @Test
    void theOfficeExportsAndErasesOnePersonsEscalations() throws Exception {
        for (String email : List.of("ada@example.org", "Ada@Example.org", "bob@example.org")) {
            HttpResponse<String> submitted = helpdesk.post(
                    "/api/escalations",
                    "{\"email\":\"" + email + "\",\"question\":\"Question of " + email + "\"}",
                    "Idempotency-Key",
                    UUID.randomUUID().toString());
            assertEquals(202, submitted.statusCode());
        }
        String cookie = login();
        HttpResponse<String> export = helpdesk.get("/admin/api/people/export?email=ada@example.org", "Cookie", cookie);
        assertEquals(200, export.statusCode());
        assertTrue(
                export.headers().firstValue("Content-Disposition").orElseThrow().contains("attachment"));
        JsonNode exported = mapper.readTree(export.body()).get("escalations");
        assertEquals(2, exported.size(), "both of Ada's escalations, whatever the case of the address");
        assertTrue(exported.get(0).get("question").asText().startsWith("Question of "));

        HttpResponse<String> erase =
                helpdesk.post("/admin/api/people/delete", "{\"email\":\"ada@example.org\"}", "Cookie", cookie);
        assertEquals(2, mapper.readTree(erase.body()).get("escalationsErased").asInt());
        JsonNode after = mapper.readTree(
                        helpdesk.get("/admin/api/people/export?email=ada@example.org", "Cookie", cookie)
                                .body())
                .get("escalations");
        assertEquals(0, after.size(), "nothing is left under her address");
        JsonNode all = mapper.readTree(
                helpdesk.get("/admin/api/escalations", "Cookie", cookie).body());
        assertEquals(3, all.size(), "the tickets stay");
        assertTrue(all.toString().contains("bob@example.org"), "others are untouched");
        assertFalse(all.toString().toLowerCase().contains("ada@example.org"));
        assertEquals(
                400,
                helpdesk.get("/admin/api/people/export?email=not-an-address", "Cookie", cookie)
                        .statusCode());
    }

    @Test
    void theOfficeSeesFeedbackAndTheQuestionsTheHelpdeskCouldNotAnswer() throws Exception {
        helpdesk.post("/api/ask", "{\"question\":\"What is a good recipe for apple pie? Mail me at ada@example.org\"}");
        helpdesk.post(
                "/api/feedback", "{\"rating\":\"down\",\"question\":\"q\",\"answer\":\"a\",\"outcome\":\"answered\"}");
        String cookie = login();
        JsonNode unanswered = mapper.readTree(
                helpdesk.get("/admin/api/unanswered", "Cookie", cookie).body());
        assertEquals("off_topic", unanswered.get(0).get("outcome").asText());
        String logged = unanswered.get(0).get("question").asText();
        assertTrue(logged.contains("apple pie"), logged);
        assertFalse(logged.contains("ada@example.org"), "no e-mail address is kept: " + logged);
        JsonNode feedback = mapper.readTree(
                helpdesk.get("/admin/api/feedback", "Cookie", cookie).body());
        assertEquals("down", feedback.get(0).get("rating").asText());
    }
}
