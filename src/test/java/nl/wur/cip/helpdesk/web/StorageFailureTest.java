package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** When the database refuses to write (as on a full disk), the client is told it is the server's fault and nothing was kept. */
class StorageFailureTest {
    @RegisterExtension
    final HelpdeskServerExtension helpdesk = HelpdeskServerExtension.builder().build();

    private final ObjectMapper mapper = new ObjectMapper();

    /** The real database turns down every new row of the table, as it does every write when its disk is full. */
    private void refuseWritesTo(String table) throws Exception {
        try (Connection c = helpdesk.database().connection();
                Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + table + " ADD CONSTRAINT refuse_all_" + table + " CHECK (1 = 0) NOCHECK");
        }
    }

    /** A JSON post with an idempotency key, as the page sends them. */
    private static HttpResponse<String> post(HelpdeskServerExtension to, String path, String json) throws Exception {
        return to.post(path, json, "Idempotency-Key", UUID.randomUUID().toString());
    }

    @Test
    void aWriteTheDatabaseRefusesIsA503WithOneErrorLineAndNoStackTrace() throws Exception {
        refuseWritesTo("feedback");
        refuseWritesTo("escalation");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        String marker = "okapi-" + UUID.randomUUID();
        try {
            HttpResponse<String> feedback = post(
                    helpdesk,
                    "/api/feedback",
                    "{\"question\":\"May I scrape " + marker + "?\","
                            + "\"answer\":\"Yes, under conditions.\",\"outcome\":\"answered\",\"rating\":\"down\",\"language\":\"en\"}");
            HttpResponse<String> escalation = post(
                    helpdesk,
                    "/api/escalations",
                    "{\"email\":\"ada@example.org\",\"question\":\"May I mine " + marker
                            + "?\",\"quoteConsent\":false,\"language\":\"en\"}");
            for (HttpResponse<String> response : List.of(feedback, escalation)) {
                assertEquals(503, response.statusCode(), response.uri() + ": " + response.body());
                assertTrue(
                        mapper.readTree(response.body()).get("error").asText().contains("nothing was stored"),
                        response.body());
                assertTrue(
                        response.headers().firstValue("Retry-After").isPresent(),
                        response.uri().toString());
            }
        } finally {
            root.detachAppender(captured);
        }
        List<ILoggingEvent> errors =
                captured.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
        assertEquals(2, errors.size(), "one ERROR line per refused write: " + errors);
        for (ILoggingEvent error : errors) {
            assertTrue(
                    error.getFormattedMessage().startsWith("storage failed on POST /api/"),
                    error.getFormattedMessage());
            assertEquals(null, error.getThrowableProxy(), "no stack trace");
        }
        assertFalse(
                captured.list.stream().anyMatch(e -> e.getFormattedMessage().contains(marker)),
                "the question is not logged");
        assertEquals(200, helpdesk.get("/api/health").statusCode(), "the server itself still answers");
    }

    @Test
    void underTheDiskFloorOptionalWritesGet503WhileQuestionsAndEscalationsGoOn() throws Exception {
        // More free space asked for than any disk has: the floor's real measurement of the folder says "no room".
        try (HelpdeskServerExtension floored = HelpdeskServerExtension.builder()
                .diskFloor(Long.MAX_VALUE)
                .checklist()
                .start()) {
            HttpResponse<String> feedback = post(
                    floored,
                    "/api/feedback",
                    "{\"question\":\"May I scrape?\",\"answer\":\"Yes.\","
                            + "\"outcome\":\"answered\",\"rating\":\"up\",\"language\":\"en\"}");
            HttpResponse<String> assess =
                    post(floored, "/api/checklist/assess", "{\"answers\":{},\"language\":\"en\"}");
            for (HttpResponse<String> refused : List.of(feedback, assess)) {
                assertEquals(503, refused.statusCode(), refused.uri() + ": " + refused.body());
                assertEquals(
                        "300",
                        refused.headers().firstValue("Retry-After").orElse(""),
                        refused.uri().toString());
                assertTrue(
                        mapper.readTree(refused.body()).get("error").asText().contains("short of disk space"),
                        refused.body());
            }
            HttpResponse<String> offTopic =
                    post(floored, "/api/ask", "{\"question\":\"How do I extend my library loan?\"}");
            assertEquals(200, offTopic.statusCode(), offTopic.body());
            assertFalse(
                    mapper.readTree(offTopic.body()).get("outcome").asText().equals("answered"),
                    "a question the unanswered log would keep: " + offTopic.body());
            HttpResponse<String> escalation = post(
                    floored,
                    "/api/escalations",
                    "{\"email\":\"ada@example.org\",\"question\":\"May I mine"
                            + " these archives?\",\"quoteConsent\":false,\"language\":\"en\"}");
            assertEquals(
                    202,
                    escalation.statusCode(),
                    "escalations are what the floor keeps room for: " + escalation.body());
            try (Connection c = floored.database().connection();
                    Statement s = c.createStatement()) {
                for (String table : List.of("feedback", "assessment", "unanswered")) {
                    ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM " + table);
                    rows.next();
                    assertEquals(0, rows.getInt(1), table + " got a row under the floor");
                }
            }
        }
    }

    @Test
    void textOutsideTheBasicPlaneIsMeasuredAsTheDatabaseStoresItAndNeverGivesA500() throws Exception {
        String emoji = "\uD83D\uDE00"; // one character on screen, two in a UTF-16 column
        HttpResponse<String> tooLong = post(
                helpdesk,
                "/api/escalations",
                "{\"email\":\"ada@example.org\",\"question\":\"" + emoji.repeat(EscalationEndpoint.MAX_QUESTION_CHARS)
                        + "\",\"quoteConsent\":false,\"language\":\"en\"}");
        assertEquals(400, tooLong.statusCode(), tooLong.body());
        assertTrue(tooLong.body().contains("longer than"), tooLong.body());
        HttpResponse<String> fits = post(
                helpdesk,
                "/api/escalations",
                "{\"email\":\"ada@example.org\",\"question\":\""
                        + emoji.repeat(EscalationEndpoint.MAX_QUESTION_CHARS / 2)
                        + "\",\"quoteConsent\":false,\"language\":\"en\"}");
        assertEquals(202, fits.statusCode(), fits.body());
        HttpResponse<String> feedback = post(
                helpdesk,
                "/api/feedback",
                "{\"question\":\"" + emoji.repeat(2000) + "\","
                        + "\"answer\":\"Yes.\",\"outcome\":\"answered\",\"rating\":\"down\",\"language\":\"en\"}");
        assertEquals(400, feedback.statusCode(), feedback.body());
    }
}
