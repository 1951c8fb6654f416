package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.wur.cip.helpdesk.escalation.EmailAddresses;
import nl.wur.cip.helpdesk.escalation.EscalationRequest;
import nl.wur.cip.helpdesk.escalation.MailInvariants;
import nl.wur.cip.helpdesk.knowledge.Language;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes request bodies from the raw bytes on: {@link JsonRequests#parse} and the field checks of the endpoints
 * behind it. Bad input may only ever end in an {@link ApiException} with a 4xx status. Regression inputs live in
 * {@code src/test/resources/nl/wur/cip/helpdesk/web/JsonRequestsFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1}
 * fuzzes (see the README, "Bad input").
 */
class JsonRequestsFuzzTest {
    private static final JsonRequests REQUESTS = new JsonRequests();
    private static final Set<String> ORIGINS = Set.of("chat", "checklist");

    /** The escalation body: parsed, read into a request, and when valid composed into both mails. */
    @FuzzTest(maxDuration = "5m")
    void escalationBodies(byte[] body) throws Exception {
        JsonNode node = parse(body, EscalationEndpoint.MAX_BODY_BYTES);
        if (node == null) {
            return;
        }
        EscalationRequest request;
        try {
            request = EscalationEndpoint.read(node);
        } catch (ApiException e) {
            assertClientError(e);
            return;
        }
        assertTrue(EmailAddresses.parse(request.email()).isPresent(), request.email());
        request.name().ifPresent(name -> {
            assertFalse(name.isBlank());
            assertTrue(name.length() <= EscalationEndpoint.MAX_NAME_CHARS, name);
            assertFalse(
                    name.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029'),
                    () -> "control character in name " + name);
        });
        assertFalse(request.question().isBlank());
        assertTrue(request.question().length() <= EscalationEndpoint.MAX_QUESTION_CHARS);
        assertNoControlsButLines(request.question());
        assertTrue(request.transcript().size() <= EscalationEndpoint.MAX_TRANSCRIPT_ENTRIES);
        for (EscalationRequest.TranscriptEntry entry : request.transcript()) {
            assertTrue(Set.of("user", "helpdesk").contains(entry.role()), entry.role());
            assertNoControlsButLines(entry.text());
        }
        request.assessmentId().ifPresent(id -> assertTrue(id.matches("[A-Za-z0-9_-]{1,40}"), id));
        assertTrue(ORIGINS.contains(request.origin()), request.origin());
        assertNotNull(request.language());
        assertEquals(64, request.fingerprint().length());
        // What passed the endpoint is what the delivery worker will mail: it must not reach the headers.
        MailInvariants.checkBoth(MailInvariants.escalation(
                "CIP-2026-000007", request, request.assessmentId().map(id -> "Assessment " + id)));
    }

    /** The /api/ask and /api/ask/stream body, as {@code AskEndpoint.question} reads it. */
    @FuzzTest(maxDuration = "5m")
    void askBodies(byte[] body) {
        JsonNode node = parse(body, JsonRequests.MAX_BODY_BYTES);
        if (node == null) {
            return;
        }
        try {
            String question = JsonRequests.requiredString(node, "question", AskEndpoint.MAX_QUESTION_CHARS);
            assertFalse(question.isBlank());
            assertTrue(question.length() <= AskEndpoint.MAX_QUESTION_CHARS);
            Optional<String> code = JsonRequests.optionalString(node, "language", 5);
            code.ifPresent(c -> assertTrue(c.length() <= 5));
            Optional<Language> language = code.map(JsonRequests::language);
            language.ifPresent(l -> assertTrue(l == Language.EN || l == Language.NL));
            JsonRequests.optionalString(node, "conversationId", 100).ifPresent(id -> assertTrue(id.length() <= 100));
        } catch (ApiException e) {
            assertClientError(e);
        }
    }

    /** Any field read with the two helpers, over any parsed body: a value or a 4xx, and the value obeys the limit. */
    @FuzzTest(maxDuration = "5m")
    void stringFields(byte[] body) {
        JsonNode node = parse(body, JsonRequests.READ_LIMIT_BYTES);
        if (node == null) {
            return;
        }
        node.fieldNames().forEachRemaining(field -> {
            for (int limit : new int[] {0, 1, 5, 100}) {
                try {
                    String value = JsonRequests.requiredString(node, field, limit);
                    assertTrue(node.get(field).isTextual());
                    assertFalse(value.isBlank());
                    assertTrue(value.length() <= limit);
                } catch (ApiException e) {
                    assertClientError(e);
                }
                try {
                    JsonRequests.optionalString(node, field, limit).ifPresent(value -> {
                        assertTrue(node.get(field).isTextual());
                        assertTrue(value.length() <= limit);
                    });
                } catch (ApiException e) {
                    assertClientError(e);
                }
            }
        });
        try {
            JsonRequests.requiredString(node, "\0absent", 10);
            fail("an absent field passed as required");
        } catch (ApiException e) {
            assertEquals(400, e.status());
        }
        assertEquals(Optional.empty(), JsonRequests.optionalString(node, "\0absent", 10));
    }

    /** The seed inputs reach past the checks: the fuzz target composes mails from the valid ones. */
    @Test
    void seedInputsCoverAcceptedAndRefusedBodies() throws Exception {
        EscalationRequest valid =
                EscalationEndpoint.read(REQUESTS.parse(seed("valid"), EscalationEndpoint.MAX_BODY_BYTES));
        assertEquals(Optional.of("Jan de Vries"), valid.name());
        assertEquals(2, valid.transcript().size());
        EscalationRequest longest =
                EscalationEndpoint.read(REQUESTS.parse(seed("max_lengths"), EscalationEndpoint.MAX_BODY_BYTES));
        assertEquals(
                EscalationEndpoint.MAX_TRANSCRIPT_ENTRIES, longest.transcript().size());
        // A name that looks like addresses is only a name; the question keeps its line breaks, loses the rest.
        EscalationRequest lookalike =
                EscalationEndpoint.read(REQUESTS.parse(seed("header_in_question"), EscalationEndpoint.MAX_BODY_BYTES));
        assertEquals(Optional.of("Zo\u00eb \"Q\" <a@b.cc>, c@d.ee"), lookalike.name());
        assertEquals("hi\nBcc: victim@evil.example\n\nx", lookalike.question());
        assertEquals("To: v@evil.example", lookalike.transcript().get(0).text());
        for (String refused : List.of(
                "bcc_in_name",
                "bcc_in_email",
                "two_emails",
                "display_email",
                "unicode_separators_name",
                "too_many_entries",
                "bad_transcript",
                "blank_after_clean",
                "bad_assessment")) {
            ApiException e = assertThrows(
                    ApiException.class,
                    () -> EscalationEndpoint.read(REQUESTS.parse(seed(refused), EscalationEndpoint.MAX_BODY_BYTES)),
                    refused);
            assertEquals(400, e.status(), refused);
        }
        assertEquals(
                413,
                assertThrows(
                                ApiException.class,
                                () -> REQUESTS.parse(seed("nested_100000"), EscalationEndpoint.MAX_BODY_BYTES))
                        .status());
        assertEquals(
                400,
                assertThrows(
                                ApiException.class,
                                () -> REQUESTS.parse(seed("nested_100000"), JsonRequests.READ_LIMIT_BYTES))
                        .status());
        assertEquals(
                400,
                assertThrows(
                                ApiException.class,
                                () -> REQUESTS.parse(seed("invalid_utf8"), EscalationEndpoint.MAX_BODY_BYTES))
                        .status());
    }

    private static byte[] seed(String name) throws IOException {
        try (InputStream in =
                JsonRequestsFuzzTest.class.getResourceAsStream("JsonRequestsFuzzTestInputs/escalationBodies/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    /** The parsed object, or null after checking that the refusal was a client error; anything else thrown fails. */
    private static JsonNode parse(byte[] body, int maxBytes) {
        try {
            JsonNode node = REQUESTS.parse(body, maxBytes);
            assertNotNull(node);
            assertTrue(node.isObject());
            assertTrue(body.length <= maxBytes);
            return node;
        } catch (ApiException e) {
            assertClientError(e);
            if (body.length > maxBytes) {
                assertEquals(413, e.status());
            }
            return null;
        }
    }

    private static void assertClientError(ApiException e) {
        assertTrue(e.status() >= 400 && e.status() <= 499, () -> "status " + e.status() + ": " + e.getMessage());
        assertNotNull(e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    private static void assertNoControlsButLines(String text) {
        assertFalse(
                text.chars()
                        .anyMatch(c -> (Character.isISOControl(c) && c != '\n' && c != '\t')
                                || c == '\u2028'
                                || c == '\u2029'),
                () -> "control character in " + text);
    }
}
