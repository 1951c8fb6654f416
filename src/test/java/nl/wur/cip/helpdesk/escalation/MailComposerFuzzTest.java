package nl.wur.cip.helpdesk.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.wur.cip.helpdesk.knowledge.Language;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the escalation mails and the e-mail address check. Run as regression tests over the files in
 * {@code src/test/resources/nl/wur/cip/helpdesk/escalation/MailComposerFuzzTestInputs/<method>/} in every build;
 * {@code JAZZER_FUZZ=1} fuzzes (see the README, "Bad input").
 */
class MailComposerFuzzTest {
    private static final List<String> EMAILS = List.of(
            "researcher@wur.nl",
            "a.b-c+d@sub.example.org",
            "x@y.zz",
            "o'brien@example.com",
            "very.long.local.part.with.dots@mail.department.university.example.ac.uk");

    /**
     * The input is split at NUL bytes into: e-mail, name, question, assessment, then transcript entries. An e-mail
     * that {@link EmailAddresses#parse} refuses is replaced by one from a fixed list. Name, question and transcript
     * go in as they are, CR, LF and all, even where the web layer would have refused them: the composer must not
     * let them reach the headers in any case.
     */
    @FuzzTest(maxDuration = "5m")
    void composedMailsHaveOnlyTheirOwnHeadersAndRecipients(byte[] data) throws Exception {
        String[] fields = new String(data, StandardCharsets.UTF_8).split("\0", -1);
        String email = EmailAddresses.parse(fields[0])
                .map(InternetAddress::getAddress)
                .orElse(EMAILS.get(Math.floorMod(fields[0].hashCode(), EMAILS.size())));
        Optional<String> name = Optional.of(field(fields, 1)).filter(n -> !n.isEmpty());
        String question = field(fields, 2).isEmpty() ? "?" : field(fields, 2);
        Optional<String> assessment = Optional.of(field(fields, 3)).filter(a -> !a.isEmpty());
        List<EscalationRequest.TranscriptEntry> transcript = new ArrayList<>();
        for (int i = 4; i < fields.length && transcript.size() < 40; i++) {
            transcript.add(new EscalationRequest.TranscriptEntry(i % 2 == 0 ? "user" : "helpdesk", fields[i]));
        }
        Language language = data.length % 2 == 0 ? Language.EN : Language.NL;
        EscalationRequest request = new EscalationRequest(
                email,
                name,
                question,
                transcript,
                assessment.map(a -> "abc123"),
                data.length % 3 == 0,
                language,
                data.length % 5 == 0 ? "checklist" : "chat");
        MailInvariants.checkBoth(MailInvariants.escalation("CIP-2026-000042", request, assessment));
    }

    /** Whatever the strict parser accepts is one plain address that no header could read as more. */
    @FuzzTest(maxDuration = "5m")
    void acceptedAddressesArePlain(byte[] data) throws Exception {
        String text = new String(data, StandardCharsets.UTF_8);
        Optional<InternetAddress> parsed = EmailAddresses.parse(text);
        if (parsed.isEmpty()) {
            return;
        }
        String address = parsed.get().getAddress();
        assertEquals(text, address);
        for (char c : new char[] {'\r', '\n', ',', ' ', '<', '>', '"', '(', ')', ';', ':', '\\', '\0'}) {
            assertTrue(address.indexOf(c) < 0, () -> "accepted " + address + " with " + (int) c);
        }
        assertTrue(address.length() <= EmailAddresses.MAX_LENGTH);
        assertEquals(1, address.chars().filter(c -> c == '@').count(), address);
        assertTrue(address.chars().allMatch(c -> c > 32 && c < 127), () -> "not printable ASCII: " + address);
        assertNull(parsed.get().getPersonal());
        assertFalse(parsed.get().isGroup());
        // Round trip: as a header would write it, and parsed back strictly and loosely, it is the same one address.
        InternetAddress again = new InternetAddress(parsed.get().toString(), true);
        assertEquals(address, again.getAddress());
        InternetAddress[] list = InternetAddress.parse(parsed.get().toString(), false);
        assertEquals(1, list.length);
        assertEquals(address, list[0].getAddress());
        assertEquals(parsed, EmailAddresses.parse(again.getAddress()));
    }

    /** The header check itself: it sees a header line a payload added, and skips folded continuation lines. */
    @Test
    void theHeaderCheckSeesInjectedHeaders() throws Exception {
        byte[] raw =
                ("From: a@b.cc\r\nSubject: =?UTF-8?Q?x?=\r\n Bcc: folded@example.org\r\nBcc: v@evil.example\r\n\r\n"
                                + "Cc: in the body@example.org\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
        assertEquals(Set.of("from", "subject", "bcc"), MailInvariants.headerNames(raw));
        // And a name written to add a recipient stays out of the headers: the composed mail passes every check.
        EscalationRequest request = new EscalationRequest(
                "x@y.zz",
                Optional.of("Eve\r\nBcc: victim@evil.example"),
                "q",
                List.of(),
                Optional.empty(),
                false,
                Language.EN,
                "chat");
        byte[] office = MailInvariants.check(
                MailInvariants.escalation("CIP-2026-000001", request, Optional.empty()), MailKind.OFFICE);
        String text = new String(office, StandardCharsets.ISO_8859_1);
        assertFalse(text.substring(0, text.indexOf("\r\n\r\n")).contains("\r\nBcc:"), text);
        assertTrue(text.contains("Reply-To: x@y.zz\r\n"), text);
        assertFalse(text.substring(0, text.indexOf("\r\n\r\n")).contains("victim"), text);
    }

    private static String field(String[] fields, int i) {
        return i < fields.length ? fields[i] : "";
    }
}
