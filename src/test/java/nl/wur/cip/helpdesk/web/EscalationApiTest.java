package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import nl.wur.cip.helpdesk.escalation.Backoff;
import nl.wur.cip.helpdesk.escalation.DeliveryWorker;
import nl.wur.cip.helpdesk.escalation.EscalationService;
import nl.wur.cip.helpdesk.escalation.EscalationStore;
import nl.wur.cip.helpdesk.escalation.MailComposer;
import nl.wur.cip.helpdesk.escalation.SmtpMailer;
import nl.wur.cip.helpdesk.escalation.SmtpSettings;
import nl.wur.cip.helpdesk.feedback.FeedbackStore;
import nl.wur.cip.helpdesk.feedback.UnansweredLog;
import nl.wur.cip.helpdesk.guard.GuardSettings;
import nl.wur.cip.helpdesk.insight.AnswerRecordStore;
import nl.wur.cip.helpdesk.insight.AnswerRecorder;
import nl.wur.cip.helpdesk.storage.Database;
import nl.wur.cip.helpdesk.storage.DiskFloor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /api/escalations} through the real server, delivered by the real worker to GreenMail. */
@Timeout(60)
class EscalationApiTest {
    private static final String FROM = "helpdesk@cip.test";
    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private Database database;
    private GreenMail smtp;
    private DeliveryWorker worker;
    private HelpdeskServer server;

    @BeforeEach
    void start() throws Exception {
        database = Database.open("jdbc:h2:mem:escalation-api-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
        smtp.start();
        EscalationStore store = new EscalationStore(database);
        SmtpSettings settings = new SmtpSettings("127.0.0.1", smtp.getSmtp().getPort(), SmtpSettings.Tls.NONE,
                Optional.empty(), Optional.empty(), FROM, Duration.ofSeconds(2));
        worker = new DeliveryWorker(store, new MailComposer("copyright@wur.nl", FROM, 180), new SmtpMailer(settings),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 5), Clock.systemUTC(), Duration.ofMillis(100),
                Duration.ofSeconds(10)).start();
        EscalationService escalations = new EscalationService(store, Optional.of(worker), "cip.test", "copyright@wur.nl",
                Clock.systemUTC());
        server = new HelpdeskServer(Path.of("web"), new HelpdeskServer.Services(new FeedbackStore(database),
                new UnansweredLog(database), escalations, Optional.empty(), GuardSettings.UNLIMITED, Optional.empty(), DiskFloor.none(), List.of(),
                new AnswerRecorder(new AnswerRecordStore(database), AnswerRecorder.DEFAULT_QUEUE)),
                Clock.systemUTC()).start(0);
    }

    @AfterEach
    void stop() {
        server.close();
        worker.close();
        smtp.stop();
        database.close();
    }

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

    private HttpResponse<String> post(String key, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/escalations"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void acceptsAnEscalationWith202AndATicketAndMailsIt() throws Exception {
        HttpResponse<String> response = post(UUID.randomUUID().toString(), body().toString());
        assertEquals(202, response.statusCode(), response.body());
        JsonNode receipt = mapper.readTree(response.body());
        String ticket = receipt.get("ticket").asText();
        assertTrue(ticket.matches("CIP-\\d{4}-\\d{6}"), ticket);
        assertEquals("queued", receipt.get("status").asText());
        assertTrue(receipt.get("mailConfigured").asBoolean());
        assertTrue(smtp.waitForIncomingEmail(10_000, 2));
        MimeMessage office = messagesTo("copyright@wur.nl").get(0);
        assertEquals("<" + ticket + ".office@cip.test>", office.getMessageID());
        assertTrue(GreenMailUtil.getBody(office).contains("May I train a model on scraped journal abstracts?"));
    }

    @Test
    void theSameKeyAndBodyGiveTheSameTicketAndOneMail() throws Exception {
        String key = UUID.randomUUID().toString();
        String first = mapper.readTree(post(key, body().toString()).body()).get("ticket").asText();
        HttpResponse<String> again = post(key, body().toString());
        assertEquals(202, again.statusCode());
        assertEquals(first, mapper.readTree(again.body()).get("ticket").asText());
        assertTrue(smtp.waitForIncomingEmail(10_000, 2));
        Thread.sleep(500);
        assertEquals(1, messagesTo("copyright@wur.nl").size(), "one mail to the office, not two");
    }

    @Test
    void theSameKeyWithAnotherBodyIsAConflict() throws Exception {
        String key = UUID.randomUUID().toString();
        assertEquals(202, post(key, body().toString()).statusCode());
        HttpResponse<String> changed = post(key, body().put("question", "Something else entirely?").toString());
        assertEquals(409, changed.statusCode());
        assertTrue(mapper.readTree(changed.body()).get("error").asText().contains("Idempotency-Key"));
    }

    @Test
    void headerInjectionInEveryFieldAddsNoRecipientAndNoHeader() throws Exception {
        String injection = "\r\nBcc: victim@evil.test\r\nX-Injected: yes";
        for (String field : List.of("email", "name")) {
            HttpResponse<String> refused = post(UUID.randomUUID().toString(),
                    body().put(field, "ada@example.org" + injection).toString());
            assertEquals(400, refused.statusCode(), field + ": " + refused.body());
        }
        ObjectNode carrying = body();
        carrying.put("question", "Question" + injection);
        carrying.putArray("transcript").addObject().put("role", "user").put("text", "Turn" + injection);
        HttpResponse<String> accepted = post(UUID.randomUUID().toString(), carrying.toString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertTrue(smtp.waitForIncomingEmail(10_000, 2));
        Thread.sleep(300);
        MimeMessage[] received = smtp.getReceivedMessages();
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
        assertTrue(GreenMailUtil.getBody(messagesTo("copyright@wur.nl").get(0)).contains("Bcc: victim@evil.test"),
                "the text arrives, harmlessly, in the body");
    }

    @ParameterizedTest
    @ValueSource(strings = {
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
        HttpResponse<String> response = post(UUID.randomUUID().toString(), json);
        assertEquals(400, response.statusCode(), json + " -> " + response.body());
        assertNotNull(mapper.readTree(response.body()).get("error"));
    }

    @Test
    void refusesAMissingOrMalformedIdempotencyKey() throws Exception {
        assertEquals(400, post(null, body().toString()).statusCode());
        assertEquals(400, post("short", body().toString()).statusCode());
        assertEquals(400, post("has spaces in it", body().toString()).statusCode());
    }

    @Test
    void refusesOverlongFieldsAndOversizedBodies() throws Exception {
        assertEquals(400, post(UUID.randomUUID().toString(), body().put("question", "x".repeat(4001)).toString()).statusCode());
        assertEquals(400, post(UUID.randomUUID().toString(), body().put("name", "x".repeat(101)).toString()).statusCode());
        List<String> huge = new ArrayList<>(Collections.nCopies(41, "{\"role\":\"user\",\"text\":\"x\"}"));
        assertEquals(400, post(UUID.randomUUID().toString(), "{\"email\":\"ada@example.org\",\"question\":\"q\",\"transcript\":["
                + String.join(",", huge) + "]}").statusCode());
        assertEquals(413, post(UUID.randomUUID().toString(), body().put("question", "x".repeat(70_000)).toString())
                .statusCode());
    }

    @Test
    void anAttachedAssessmentMustExist() throws Exception {
        HttpResponse<String> response = post(UUID.randomUUID().toString(), body().put("assessmentId", "AbCdEfGhIjKlMnOpQrStUv")
                .toString());
        // The checklist is not loaded in this server, so the helpdesk cannot vouch for the assessment yet.
        assertEquals(503, response.statusCode(), response.body());
    }

    @Test
    void refusesCrossSiteSubmissions() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + server.port() + "/api/escalations"))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(body().toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, response.statusCode());
        Thread.sleep(300);
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    private List<MimeMessage> messagesTo(String address) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            for (Address a : m.getAllRecipients()) {
                if (((InternetAddress) a).getAddress().equals(address)) {
                    found.add(m);
                }
            }
        }
        return found;
    }
}
