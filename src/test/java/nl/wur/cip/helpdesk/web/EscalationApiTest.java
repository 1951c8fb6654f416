package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /api/escalations} through the real server, delivered by the real worker to GreenMail. */
@Timeout(60)
class EscalationApiTest {
    @RegisterExtension
    final HelpdeskServerExtension helpdesk =
            HelpdeskServerExtension.builder().starting().mail().build();

    private final ObjectMapper mapper = new ObjectMapper();

    private ObjectNode body() {
        ObjectNode body = mapper.createObjectNode();
        body.put("email", "ada@example.org");
        body.put("name", "Ada Researcher");
        body.put("question", "May I train a model on scraped journal abstracts?");
        body.putArray("transcript").addObject().put("role", "user").put("text", "May I scrape abstracts?");
        body.put("quoteConsent", false);
        body.put("language", "en");
        return body;
    }

    @Test
    void acceptsAnEscalationWith202AndATicketAndMailsIt() throws Exception {
        HttpResponse<String> response = helpdesk.post(
                "/api/escalations",
                body().toString(),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertEquals(202, response.statusCode(), response.body());
        JsonNode receipt = mapper.readTree(response.body());
        String ticket = receipt.get("ticket").asText();
        assertTrue(ticket.matches("CIP-\\d{4}-\\d{6}"), ticket);
        assertEquals("queued", receipt.get("status").asText());
        assertTrue(receipt.get("mailConfigured").asBoolean());
        assertTrue(helpdesk.mailbox().waitForIncomingEmail(10_000, 2));
        MimeMessage office = messagesTo("copyright@wur.nl").get(0);
        assertEquals("<" + ticket + ".office@cip.test>", office.getMessageID());
        assertTrue(GreenMailUtil.getBody(office).contains("May I train a model on scraped journal abstracts?"));
    }

    @Test
    void theSameKeyAndBodyGiveTheSameTicketAndOneMail() throws Exception {
        String key = UUID.randomUUID().toString();
        String first = mapper.readTree(helpdesk.post("/api/escalations", body().toString(), "Idempotency-Key", key)
                        .body())
                .get("ticket")
                .asText();
        HttpResponse<String> again = helpdesk.post("/api/escalations", body().toString(), "Idempotency-Key", key);
        assertEquals(202, again.statusCode());
        assertEquals(first, mapper.readTree(again.body()).get("ticket").asText());
        assertTrue(helpdesk.mailbox().waitForIncomingEmail(10_000, 2));
        Thread.sleep(500);
        assertEquals(1, messagesTo("copyright@wur.nl").size(), "one mail to the office, not two");
    }

    @Test
    void theSameKeyWithAnotherBodyIsAConflict() throws Exception {
        String key = UUID.randomUUID().toString();
        assertEquals(
                202,
                helpdesk.post("/api/escalations", body().toString(), "Idempotency-Key", key)
                        .statusCode());
        HttpResponse<String> changed = helpdesk.post(
                "/api/escalations",
                body().put("question", "Something else entirely?").toString(),
                "Idempotency-Key",
                key);
        assertEquals(409, changed.statusCode());
        assertTrue(mapper.readTree(changed.body()).get("error").asText().contains("Idempotency-Key"));
    }

    @Test
    void headerInjectionInEveryFieldAddsNoRecipientAndNoHeader() throws Exception {
        String injection = "\r\nBcc: victim@evil.test\r\nX-Injected: yes";
        for (String field : List.of("email", "name")) {
            HttpResponse<String> refused = helpdesk.post(
                    "/api/escalations",
                    body().put(field, "ada@example.org" + injection).toString(),
                    "Idempotency-Key",
                    UUID.randomUUID().toString());
            assertEquals(400, refused.statusCode(), field + ": " + refused.body());
        }
        ObjectNode carrying = body();
        carrying.put("question", "Question" + injection);
        carrying.putArray("transcript").addObject().put("role", "user").put("text", "Turn" + injection);
        HttpResponse<String> accepted = helpdesk.post(
                "/api/escalations",
                carrying.toString(),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertTrue(helpdesk.mailbox().waitForIncomingEmail(10_000, 2));
        Thread.sleep(300);
        MimeMessage[] received = helpdesk.mailbox().getReceivedMessages();
        assertEquals(2, received.length, "exactly the office mail and the receipt");
        Set<String> recipients = new TreeSet<>();
        for (MimeMessage message : received) {
            for (Address a : message.getAllRecipients()) {
                recipients.add(((InternetAddress) a).getAddress());
            }
            for (Header header : Collections.list(message.getAllHeaders())) {
                assertFalse(header.getName().equalsIgnoreCase("Bcc"), "no Bcc header");
                assertFalse(header.getName().equalsIgnoreCase("X-Injected"), "no injected header");
            }
            assertNull(message.getHeader("Bcc"));
        }
        assertEquals(Set.of("copyright@wur.nl", "ada@example.org"), recipients);
        assertTrue(
                GreenMailUtil.getBody(messagesTo("copyright@wur.nl").get(0)).contains("Bcc: victim@evil.test"),
                "the text arrives, harmlessly, in the body");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"question\":\"q\"}",
                "{\"email\":\"not-an-address\",\"question\":\"q\"}",
                "{\"email\":\"Ada <ada@example.org>\",\"question\":\"q\"}",
                "{\"email\":\"a@b.org, c@d.org\",\"question\":\"q\"}",
                "{\"email\":\"ada@example.org\"}",
                "{\"email\":\"ada@example.org\",\"question\":\"   \"}",
                "{\"email\":\"ada@example.org\",\"question\":42}",
                "{\"email\":\"ada@example.org\",\"question\":\"q\",\"transcript\":\"text\"}",
                "{\"email\":\"ada@example.org\",\"question\":\"q\",\"transcript\":[{\"role\":\"admin\",\"text\":\"x\"}]}",
                "{\"email\":\"ada@example.org\",\"question\":\"q\",\"quoteConsent\":\"yes\"}",
                "{\"email\":\"ada@example.org\",\"question\":\"q\",\"language\":\"de\"}",
                "{\"email\":\"ada@example.org\",\"question\":\"q\",\"origin\":\"elsewhere\"}",
                "{\"email\":\"ada@example.org\",\"question\":\"q\",\"assessmentId\":\"../../etc\"}",
                "[]",
                "not json"
            })
    void refusesInvalidRequestsWith400AndAJsonError(String json) throws Exception {
        HttpResponse<String> response = helpdesk.post(
                "/api/escalations", json, "Idempotency-Key", UUID.randomUUID().toString());
        assertEquals(400, response.statusCode(), json + " -> " + response.body());
        assertNotNull(mapper.readTree(response.body()).get("error"));
    }

    @Test
    void refusesAMissingOrMalformedIdempotencyKey() throws Exception {
        assertEquals(
                400,
                helpdesk.post("/api/escalations", body().toString(), "Idempotency-Key", null)
                        .statusCode());
        assertEquals(
                400,
                helpdesk.post("/api/escalations", body().toString(), "Idempotency-Key", "short")
                        .statusCode());
        assertEquals(
                400,
                helpdesk.post("/api/escalations", body().toString(), "Idempotency-Key", "has spaces in it")
                        .statusCode());
    }

    @Test
    void refusesOverlongFieldsAndOversizedBodies() throws Exception {
        assertEquals(
                400,
                helpdesk.post(
                                "/api/escalations",
                                body().put("question", "x".repeat(4001)).toString(),
                                "Idempotency-Key",
                                UUID.randomUUID().toString())
                        .statusCode());
        assertEquals(
                400,
                helpdesk.post(
                                "/api/escalations",
                                body().put("name", "x".repeat(101)).toString(),
                                "Idempotency-Key",
                                UUID.randomUUID().toString())
                        .statusCode());
        List<String> huge = new ArrayList<>(Collections.nCopies(41, "{\"role\":\"user\",\"text\":\"x\"}"));
        assertEquals(
                400,
                helpdesk.post(
                                "/api/escalations",
                                "{\"email\":\"ada@example.org\",\"question\":\"q\",\"transcript\":["
                                        + String.join(",", huge) + "]}",
                                "Idempotency-Key",
                                UUID.randomUUID().toString())
                        .statusCode());
        assertEquals(
                413,
                helpdesk.post(
                                "/api/escalations",
                                body().put("question", "x".repeat(70_000)).toString(),
                                "Idempotency-Key",
                                UUID.randomUUID().toString())
                        .statusCode());
    }

    @Test
    void anAttachedAssessmentMustExist() throws Exception {
        HttpResponse<String> response = helpdesk.post(
                "/api/escalations",
                body().put("assessmentId", "AbCdEfGhIjKlMnOpQrStUv").toString(),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        // The checklist is not loaded in this server, so the helpdesk cannot vouch for the assessment yet.
        assertEquals(503, response.statusCode(), response.body());
    }

    @Test
    void refusesCrossSiteSubmissions() throws Exception {
        HttpResponse<String> response = helpdesk.post(
                "/api/escalations",
                body().toString(),
                "Idempotency-Key",
                UUID.randomUUID().toString(),
                "Origin",
                "https://evil.example");
        assertEquals(403, response.statusCode());
        Thread.sleep(300);
        assertEquals(0, helpdesk.mailbox().getReceivedMessages().length);
    }

    private List<MimeMessage> messagesTo(String address) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : helpdesk.mailbox().getReceivedMessages()) {
            for (Address a : m.getAllRecipients()) {
                if (((InternetAddress) a).getAddress().equals(address)) {
                    found.add(m);
                }
            }
        }
        return found;
    }
}
