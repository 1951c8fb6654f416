package nl.wur.cip.helpdesk.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.knowledge.Messages;
import nl.wur.cip.helpdesk.storage.Database;
import nl.wur.cip.helpdesk.storage.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The outbox and its worker against real SMTP servers: GreenMail, and a scripted one for refusals. */
@Timeout(60)
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabases.Kind.class)
@ExtendWith(TestDatabases.class)
class DeliveryWorkerTest {
    private static final String OFFICE = "copyright@wur.nl";
    private static final String FROM = "helpdesk@cip.test";
    private static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 5);

    private Database database;
    private EscalationStore store;

    @Parameter
    TestDatabases.Kind kind;

    @BeforeEach
    void open(TestDatabases databases) {
        database = databases.open(kind);
        store = new EscalationStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static EscalationRequest request(String email) {
        return new EscalationRequest(
                email,
                Optional.of("Ada Researcher"),
                "May I mine 10,000 news articles for my thesis?",
                List.of(
                        new EscalationRequest.TranscriptEntry("user", "May I mine news?"),
                        new EscalationRequest.TranscriptEntry("helpdesk", "Under Article 15n, yes if...")),
                Optional.empty(),
                true,
                Language.EN,
                "chat");
    }

    private DeliveryWorker worker(int port, Backoff backoff) {
        return worker(port, backoff, Duration.ofSeconds(10));
    }

    private DeliveryWorker worker(int port, Backoff backoff, Duration lease) {
        SmtpSettings smtp = new SmtpSettings(
                "127.0.0.1",
                port,
                SmtpSettings.Tls.NONE,
                Optional.empty(),
                Optional.empty(),
                FROM,
                Duration.ofSeconds(2));
        return new DeliveryWorker(
                store,
                new MailComposer(OFFICE, FROM, 180, Messages.load(Path.of("knowledge"))),
                new SmtpMailer(smtp),
                backoff,
                Clock.systemUTC(),
                Duration.ofMillis(50),
                lease);
    }

    private String submit(String key) {
        return store.submit(
                        key,
                        request("ada@example.org"),
                        Optional.of("# Assessment\nVerdict: allowed"),
                        Instant.now(),
                        "cip.test")
                .ticket();
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private void awaitStatus(String ticket, String status) throws InterruptedException {
        for (int i = 0;
                i < 200
                        && !store.findByTicket(ticket)
                                .orElseThrow()
                                .status()
                                .code()
                                .equals(status);
                i++) {
            Thread.sleep(50);
        }
        assertEquals(status, store.findByTicket(ticket).orElseThrow().status().code());
    }

    @Test
    void deliversTheQuestionToTheOfficeWithReplyToAndAReceiptToTheResearcher() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", "smtp"));
        smtp.start();
        try (DeliveryWorker worker = worker(smtp.getSmtp().getPort(), FAST).start()) {
            String ticket = submit("key-deliver-1");
            worker.wake();
            assertTrue(smtp.waitForIncomingEmail(10_000, 2));
            MimeMessage[] received = smtp.getReceivedMessages();
            assertEquals(2, received.length);
            MimeMessage office = Arrays.stream(received)
                    .filter(m -> to(m).equals(List.of(OFFICE)))
                    .findFirst()
                    .orElseThrow();
            assertEquals("<" + ticket + ".office@cip.test>", office.getMessageID());
            assertEquals("ada@example.org", ((InternetAddress) office.getReplyTo()[0]).getAddress());
            assertEquals(null, ((InternetAddress) office.getReplyTo()[0]).getPersonal(), "the name is not a header");
            assertEquals(FROM, ((InternetAddress) office.getFrom()[0]).getAddress());
            assertTrue(office.getSubject().contains(ticket));
            String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(office);
            assertTrue(body.contains("May I mine 10,000 news articles"), body);
            assertTrue(body.contains("Researcher: May I mine news?"), body);
            assertTrue(body.contains("From: Ada Researcher <ada@example.org>"), "the name is in the body: " + body);
            assertTrue(body.contains("Helpdesk (as reported by the browser): Under Article 15n"), body);
            assertTrue(body.contains("Verdict: allowed"), body);
            assertTrue(body.contains("text/html"), "a plain-text and an HTML part");
            MimeMessage receipt = Arrays.stream(received)
                    .filter(m -> to(m).equals(List.of("ada@example.org")))
                    .findFirst()
                    .orElseThrow();
            assertEquals("<" + ticket + ".confirmation@cip.test>", receipt.getMessageID());
            String receiptBody = com.icegreen.greenmail.util.GreenMailUtil.getBody(receipt);
            assertTrue(receiptBody.contains(ticket), receiptBody);
            assertTrue(
                    !receiptBody.contains("news articles") && !receiptBody.contains("Ada Researcher"),
                    "the receipt goes to any address entered, so it repeats nothing typed: " + receiptBody);
            awaitStatus(ticket, "sent");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void keepsTheMailQueuedWhileSmtpIsDownAndDeliversItWhenItComesBack() throws Exception {
        int port = freePort();
        try (DeliveryWorker worker = worker(port, FAST).start()) {
            String ticket = submit("key-down-1");
            worker.wake();
            for (int i = 0;
                    i < 200
                            && store.findByTicket(ticket)
                                            .orElseThrow()
                                            .deliveries()
                                            .get(0)
                                            .attempts()
                                    < 2;
                    i++) {
                Thread.sleep(50);
            }
            Escalation waiting = store.findByTicket(ticket).orElseThrow();
            assertEquals("queued", waiting.status().code());
            assertTrue(waiting.deliveries().get(0).attempts() >= 2, "retried while the server was down");
            assertTrue(waiting.deliveries().get(0).lastError().orElseThrow().contains("cannot reach the mail server"));

            GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
            smtp.start();
            try {
                assertTrue(smtp.waitForIncomingEmail(15_000, 2));
                awaitStatus(ticket, "sent");
                assertEquals(2, smtp.getReceivedMessages().length);
            } finally {
                smtp.stop();
            }
        }
    }

    @Test
    void aMailSentButNotRecordedAsSentIsRecordedNotMailedAgain() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", "smtp"));
        smtp.start();
        Duration lease = Duration.ofMillis(200);
        try (DeliveryWorker worker = worker(smtp.getSmtp().getPort(), FAST, lease);
                java.sql.Connection c = database.connection();
                java.sql.Statement sql = c.createStatement()) {
            String ticket = submit("key-unrecorded-1");
            // The database refuses to mark anything sent, as it does every write when its disk is full.
            sql.execute("ALTER TABLE outbox ADD CONSTRAINT never_sent CHECK (status <> 'sent') "
                    + (kind == TestDatabases.Kind.H2 ? "NOCHECK" : "NOT VALID")); // not checked against the rows there

            worker.deliverDue();
            assertEquals(2, smtp.getReceivedMessages().length, "both mails went out");
            assertEquals(
                    "queued", store.findByTicket(ticket).orElseThrow().status().code(), "but could not be recorded");

            sql.execute("ALTER TABLE outbox DROP CONSTRAINT never_sent");
            Thread.sleep(lease.toMillis() * 2);
            assertEquals(2, worker.deliverDue(), "the worker comes round to both again");
            assertEquals(
                    "sent", store.findByTicket(ticket).orElseThrow().status().code());
            assertEquals(2, smtp.getReceivedMessages().length, "and records them without mailing them twice");
            assertEquals(
                    List.of(1, 1),
                    store.findByTicket(ticket).orElseThrow().deliveries().stream()
                            .map(Escalation.Delivery::attempts)
                            .toList(),
                    "sent at the first attempt");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void marksAMailFailedOnAPermanentRefusalWithoutRetrying() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer("550 5.1.1 mailbox unavailable");
                DeliveryWorker worker = worker(smtp.port(), FAST)) {
            String ticket = submit("key-refused-1");
            worker.deliverDue();
            Escalation failed = store.findByTicket(ticket).orElseThrow();
            assertEquals("failed", failed.status().code());
            Escalation.Delivery office = failed.deliveries().get(0);
            assertEquals(1, office.attempts(), "a 5xx reply is not retried");
            assertTrue(
                    office.lastError().orElseThrow().contains("550"),
                    office.lastError().orElseThrow());

            assertTrue(store.retry(ticket, Instant.now()), "the admin can queue it again");
            assertEquals(
                    "queued", store.findByTicket(ticket).orElseThrow().status().code());
        }
    }

    @Test
    void retriesATemporaryRefusalWithBackoffAndGivesUpAfterTheLimit() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer("451 4.3.0 try again later");
                DeliveryWorker worker = worker(smtp.port(), FAST).start()) {
            String ticket = submit("key-deferred-1");
            worker.wake();
            awaitStatus(ticket, "failed");
            Escalation.Delivery office =
                    store.findByTicket(ticket).orElseThrow().deliveries().get(0);
            assertEquals(FAST.maxAttempts(), office.attempts());
            assertTrue(office.lastError().orElseThrow().contains("451"));
        }
    }

    @Test
    void backoffGrowsExponentiallyWithJitterUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), 60);
        java.util.Random random = new java.util.Random(7);
        for (int attempt = 1; attempt <= 20; attempt++) {
            long step = Math.min(30_000L << Math.min(attempt - 1, 30), 3_600_000L);
            long delay = backoff.delay(attempt, random).toMillis();
            assertTrue(delay >= step / 2 && delay <= step, "attempt " + attempt + ": " + delay + " ms");
        }
    }

    private static List<String> to(MimeMessage message) {
        try {
            return Arrays.stream(message.getAllRecipients())
                    .map(a -> ((InternetAddress) a).getAddress())
                    .toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
