package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;
import nl.wur.cip.helpdesk.feedback.FeedbackStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HelpdeskServerTest {
    @RegisterExtension
    static final HelpdeskServerExtension helpdesk =
            HelpdeskServerExtension.builder().build();

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void healthIsOkOnceReady() throws Exception {
        HttpResponse<String> response = helpdesk.get("/api/health");
        assertEquals(200, response.statusCode());
        assertEquals("ok", mapper.readTree(response.body()).get("status").asText());
    }

    @Test
    void healthAndAskAnswer503UntilTheIndexIsReady() throws Exception {
        try (HelpdeskServerExtension starting =
                HelpdeskServerExtension.builder().starting().start()) {
            HttpResponse<String> health = starting.get("/api/health");
            assertEquals(503, health.statusCode());
            HttpResponse<String> ask = starting.post("/api/ask", "{\"question\":\"May I mine texts?\"}");
            assertEquals(503, ask.statusCode());
            assertTrue(ask.headers().firstValue("Retry-After").isPresent());
            assertFalse(mapper.readTree(ask.body()).get("error").asText().isBlank());
        }
    }

    @Test
    void askReturnsTheContractFields() throws Exception {
        HttpResponse<String> response = helpdesk.post(
                "/api/ask",
                "{\"question\":\"May I train an AI model on images I scraped for my research?\","
                        + "\"language\":\"en\",\"conversationId\":\"c-1\"}");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = mapper.readTree(response.body());
        for (String field : new String[] {
            "answer", "outcome", "language", "confidence", "citations", "escalationReason", "followUps", "disclaimer"
        }) {
            assertTrue(body.has(field), "missing " + field);
        }
        assertEquals("answered", body.get("outcome").asText());
        assertEquals("en", body.get("language").asText());
        JsonNode citation = body.get("citations").get(0);
        for (String field : new String[] {"id", "title", "reference", "url", "snippet"}) {
            assertTrue(citation.has(field), "citation lacks " + field);
        }
    }

    static Stream<Arguments> badRequests() {
        String longQuestion = "a".repeat(2001);
        return Stream.of(
                Arguments.of("not JSON", "application/json", "question=hello", 400),
                Arguments.of("truncated JSON", "application/json", "{\"question\":", 400),
                Arguments.of("JSON array", "application/json", "[\"question\"]", 400),
                Arguments.of("empty body", "application/json", "", 400),
                Arguments.of("missing question", "application/json", "{\"language\":\"en\"}", 400),
                Arguments.of("null question", "application/json", "{\"question\":null}", 400),
                Arguments.of("blank question", "application/json", "{\"question\":\"   \\n \"}", 400),
                Arguments.of("number question", "application/json", "{\"question\":42}", 400),
                Arguments.of("object question", "application/json", "{\"question\":{\"a\":1}}", 400),
                Arguments.of("too long question", "application/json", "{\"question\":\"" + longQuestion + "\"}", 400),
                Arguments.of("unknown language", "application/json", "{\"question\":\"hi\",\"language\":\"de\"}", 400),
                Arguments.of("language not a string", "application/json", "{\"question\":\"hi\",\"language\":1}", 400),
                Arguments.of(
                        "conversationId not a string",
                        "application/json",
                        "{\"question\":\"hi\",\"conversationId\":[]}",
                        400),
                Arguments.of(
                        "previousQuestion not a string",
                        "application/json",
                        "{\"question\":\"hi\",\"previousQuestion\":7}",
                        400),
                Arguments.of(
                        "too long previousQuestion",
                        "application/json",
                        "{\"question\":\"hi\",\"previousQuestion\":\"" + longQuestion + "\"}",
                        400),
                Arguments.of(
                        "deeply nested",
                        "application/json",
                        "{\"question\":\"hi\",\"x\":" + "[".repeat(500) + "]".repeat(500) + "}",
                        400),
                Arguments.of("form content type", "application/x-www-form-urlencoded", "question=hello", 415),
                Arguments.of("no content type", null, "{\"question\":\"hi\"}", 415),
                Arguments.of(
                        "body over 16 KB", "application/json", "{\"question\":\"" + "b".repeat(20_000) + "\"}", 413));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("badRequests")
    void badInputGetsAClearJsonErrorNeverA5xx(String label, String contentType, String body, int status)
            throws Exception {
        HttpResponse<String> response = helpdesk.send("POST", "/api/ask", contentType, body, Map.of());
        assertEquals(status, response.statusCode(), label + ": " + response.body());
        JsonNode error = mapper.readTree(response.body());
        assertFalse(error.get("error").asText().isBlank());
        assertFalse(response.body().contains("Exception"), "no stack trace or exception name");
        assertFalse(response.body().contains("\tat "), "no stack trace");
    }

    @Test
    void aFollowUpWithThePreviousQuestionIsAnsweredInItsContext() throws Exception {
        String followUp = "And on a conference poster?";
        JsonNode alone = mapper.readTree(helpdesk.post(
                        "/api/ask",
                        mapper.createObjectNode().put("question", followUp).toString())
                .body());
        HttpResponse<String> response = helpdesk.post(
                "/api/ask",
                mapper.createObjectNode()
                        .put("question", followUp)
                        .put("previousQuestion", "May I use a figure from another paper in my thesis?")
                        .toString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode followed = mapper.readTree(response.body());
        assertTrue(followed.get("source").asText().startsWith("context card:faq-quotation-figures"), response.body());
        assertFalse(
                alone.get("source").asText().contains("faq-quotation-figures"),
                "alone it is another question: " + alone);
    }

    @Test
    void invalidUtf8IsA400() throws Exception {
        byte[] body = {
            '{', '"', 'q', 'u', 'e', 's', 't', 'i', 'o', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'
        };
        assertEquals(
                400,
                helpdesk.sendBytes("POST", "/api/ask", "application/json", body, Map.of())
                        .statusCode());
    }

    @Test
    void unknownApiPathsAndWrongMethodsAnswerJson() throws Exception {
        HttpResponse<String> missing = helpdesk.get("/api/nothing-here");
        assertEquals(404, missing.statusCode());
        assertFalse(mapper.readTree(missing.body()).get("error").asText().isBlank());
        HttpResponse<String> wrongMethod = helpdesk.get("/api/ask");
        assertEquals(405, wrongMethod.statusCode());
        assertFalse(mapper.readTree(wrongMethod.body()).get("error").asText().isBlank());
    }

    @Test
    void theWebPageIsServedAtTheRootUnderAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = helpdesk.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("CIP Helpdesk"));
        for (HttpResponse<String> response : java.util.List.of(
                page, helpdesk.get("/app.js"), helpdesk.get("/api/health"), helpdesk.post("/api/ask", "{}"))) {
            String csp =
                    response.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(
                    csp.contains("default-src 'self'") && !csp.contains("unsafe-inline"), response.uri() + ": " + csp);
            assertEquals(
                    "nosniff",
                    response.headers().firstValue("X-Content-Type-Options").orElse(""));
        }
    }

    @Test
    void feedbackIsValidatedAndStored() throws Exception {
        String body =
                "{\"conversationId\":\"c-42\",\"question\":\"May I scrape?\",\"answer\":\"Yes, under conditions.\","
                        + "\"outcome\":\"answered\",\"rating\":\"down\",\"comment\":\"Too short\",\"language\":\"en\"}";
        HttpResponse<String> response = helpdesk.post("/api/feedback", body);
        assertEquals(201, response.statusCode(), response.body());
        String id = mapper.readTree(response.body()).get("id").asText();
        var stored = new FeedbackStore(helpdesk.database())
                .latest(50).stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
        assertEquals("down", stored.rating());
        assertEquals("Too short", stored.comment());
        assertEquals("c-42", stored.conversationId());
    }

    static Stream<Arguments> badFeedback() {
        return Stream.of(
                Arguments.of("{\"question\":\"q\",\"answer\":\"a\",\"outcome\":\"answered\"}", "'rating' is required"),
                Arguments.of(
                        "{\"rating\":\"meh\",\"question\":\"q\",\"answer\":\"a\",\"outcome\":\"answered\"}",
                        "'rating' must be"),
                Arguments.of("{\"rating\":\"up\",\"answer\":\"a\",\"outcome\":\"answered\"}", "'question' is required"),
                Arguments.of(
                        "{\"rating\":\"up\",\"question\":\"q\",\"answer\":\"a\",\"outcome\":\"great\"}",
                        "'outcome' must be"),
                Arguments.of(
                        "{\"rating\":\"up\",\"question\":\"q\",\"answer\":\"a\",\"outcome\":\"answered\",\"comment\":7}",
                        "'comment' must be a string"),
                Arguments.of(
                        "{\"rating\":\"up\",\"question\":\"q\",\"answer\":\"a\",\"outcome\":\"answered\",\"comment\":\""
                                + "x".repeat(1001) + "\"}",
                        "longer than 1000"),
                Arguments.of(
                        "{\"rating\":\"up\",\"question\":\"q\",\"answer\":\"a\",\"outcome\":\"answered\",\"language\":\"fr\"}",
                        "'language'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badFeedback")
    void badFeedbackIsRefusedWithA400(String body, String message) throws Exception {
        HttpResponse<String> response = helpdesk.post("/api/feedback", body);
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(mapper.readTree(response.body()).get("error").asText().contains(message), response.body());
    }
}
