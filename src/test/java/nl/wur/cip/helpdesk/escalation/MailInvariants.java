package nl.wur.cip.helpdesk.escalation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.knowledge.Messages;

/**
 * What every composed escalation mail must satisfy, whatever the researcher typed: the fuzz tests of the mail
 * composer and of the escalation request body both check it. Nothing the researcher typed may add a header or a
 * recipient.
 */
public final class MailInvariants {
    public static final String OFFICE = "copyright@wur.nl";
    public static final String FROM = "helpdesk@cip.test";
    public static final Session SESSION = Session.getInstance(new Properties());
    private static final MailComposer COMPOSER =
            new MailComposer(OFFICE, FROM, 180, Messages.load(Path.of("knowledge")));
    private static final Set<String> OFFICE_HEADERS =
            Set.of("date", "from", "reply-to", "to", "message-id", "subject", "mime-version", "content-type");
    private static final Set<String> CONFIRMATION_HEADERS = Set.of(
            "date",
            "from",
            "reply-to",
            "to",
            "message-id",
            "subject",
            "mime-version",
            "content-type",
            "auto-submitted");

    private MailInvariants() {}

    /** An escalation as the store would give it back, for the delivery worker to compose. */
    public static Escalation escalation(String ticket, EscalationRequest request, Optional<String> assessment) {
        return new Escalation(
                1,
                ticket,
                Instant.parse("2026-03-01T10:15:30Z"),
                request.origin(),
                request.language(),
                Optional.of(request.email()),
                request.name(),
                Optional.of(request.question()),
                request.transcript(),
                request.assessmentId(),
                assessment,
                request.quoteConsent(),
                Optional.empty(),
                Optional.empty(),
                List.of());
    }

    /** Composes both mails of the escalation and checks each; returns the bytes of the office mail. */
    public static void checkBoth(Escalation escalation) throws MessagingException, IOException {
        for (MailKind kind : MailKind.values()) {
            check(escalation, kind);
        }
    }

    public static byte[] check(Escalation escalation, MailKind kind) throws MessagingException, IOException {
        String messageId = EscalationStore.messageId(escalation.ticket(), kind, "wur.nl");
        MimeMessage composed = COMPOSER.compose(escalation, kind, messageId, SESSION);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        composed.writeTo(out);
        byte[] bytes = out.toByteArray();
        MimeMessage parsed = new MimeMessage(SESSION, new ByteArrayInputStream(bytes));

        String researcher = escalation.email().orElseThrow();
        String expectedTo = kind == MailKind.OFFICE ? OFFICE : researcher;
        String expectedReplyTo = kind == MailKind.OFFICE ? researcher : OFFICE;
        assertEquals(List.of(expectedTo), addresses(parsed.getAllRecipients()), "recipients");
        assertEquals(List.of(expectedTo), addresses(parsed.getRecipients(Message.RecipientType.TO)), "To");
        assertNull(parsed.getHeader("Bcc"), "a Bcc header");
        assertNull(parsed.getHeader("Cc"), "a Cc header");
        assertEquals(1, count(parsed.getHeader("From")), "From headers");
        assertEquals(List.of(FROM), addresses(parsed.getFrom()), "From");
        assertEquals(1, count(parsed.getHeader("Reply-To")), "Reply-To headers");
        assertEquals(List.of(expectedReplyTo), addresses(parsed.getReplyTo()), "Reply-To");
        assertEquals(1, count(parsed.getHeader("To")), "To headers");
        assertArrayEquals(new String[] {messageId}, parsed.getHeader("Message-ID"), "Message-ID");
        assertEquals(messageId, parsed.getMessageID());
        assertTrue(parsed.getSubject().startsWith("[" + escalation.ticket() + "] "), parsed.getSubject());

        Set<String> names = headerNames(bytes);
        Set<String> allowed = kind == MailKind.OFFICE ? OFFICE_HEADERS : CONFIRMATION_HEADERS;
        assertTrue(allowed.containsAll(names), "headers the composer does not set: " + names);
        assertTrue(
                names.containsAll(Set.of("from", "to", "reply-to", "message-id", "subject")),
                "missing headers: " + names);

        // Nothing typed becomes a display name: a name could pose as the office's address or hide with control
        // characters.
        InternetAddress replyTo = (InternetAddress) parsed.getReplyTo()[0];
        InternetAddress to = (InternetAddress) parsed.getRecipients(Message.RecipientType.TO)[0];
        assertNull(replyTo.getPersonal(), "a display name in Reply-To");
        assertNull(to.getPersonal(), "a display name in To");
        return bytes;
    }

    /** Lower-cased names of the header lines before the first blank line (continuation lines are not headers). */
    public static Set<String> headerNames(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        assertTrue(end > 0, "no header block");
        Set<String> names = new TreeSet<>();
        for (String line : text.substring(0, end).split("\r\n", -1)) {
            assertTrue(
                    line.indexOf('\r') < 0 && line.indexOf('\n') < 0, "a bare CR or LF in the header block: " + line);
            if (line.isEmpty()) {
                continue;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                continue;
            }
            int colon = line.indexOf(':');
            assertTrue(colon > 0, "a header line without a name: " + line);
            names.add(line.substring(0, colon).toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private static int count(String[] values) {
        return values == null ? 0 : values.length;
    }

    private static List<String> addresses(Address[] addresses) {
        assertNotNull(addresses, "no addresses");
        return java.util.Arrays.stream(addresses)
                .map(a -> ((InternetAddress) a).getAddress())
                .toList();
    }

    /** A request with the given fields and a fixed rest. */
    public static EscalationRequest request(
            String email,
            Optional<String> name,
            String question,
            List<EscalationRequest.TranscriptEntry> transcript,
            Language language) {
        return new EscalationRequest(email, name, question, transcript, Optional.empty(), false, language, "chat");
    }
}
