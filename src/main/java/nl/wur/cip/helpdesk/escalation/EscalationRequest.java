package nl.wur.cip.helpdesk.escalation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import nl.wur.cip.helpdesk.knowledge.Language;

/**
 * A researcher's validated request to pass a question to the copyright office.
 *
 * @param origin       where it was asked from: {@code chat} or {@code checklist}
 * @param transcript   the conversation so far, empty when the researcher left it out
 * @param assessmentId the checklist assessment to attach, if any
 * @param quoteConsent the researcher allows the CIP to quote the question anonymously in its newsletter
 */
public record EscalationRequest(
        String email,
        Optional<String> name,
        String question,
        List<TranscriptEntry> transcript,
        Optional<String> assessmentId,
        boolean quoteConsent,
        Language language,
        String origin) {

    /** One turn of the conversation: who said it ({@code user} or {@code helpdesk}) and what. */
    public record TranscriptEntry(String role, String text) {}

    /** A digest of the whole request, so a resubmission under the same idempotency key can be recognised. */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder();
        for (String part : List.of(
                email,
                name.orElse(""),
                question,
                assessmentId.orElse(""),
                Boolean.toString(quoteConsent),
                language.code(),
                origin)) {
            canonical.append(part.length()).append(':').append(part).append('|');
        }
        for (TranscriptEntry entry : transcript) {
            canonical
                    .append(entry.role().length())
                    .append(':')
                    .append(entry.role())
                    .append(entry.text().length())
                    .append(':')
                    .append(entry.text())
                    .append('|');
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
