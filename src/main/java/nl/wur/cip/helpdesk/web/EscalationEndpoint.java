package nl.wur.cip.helpdesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import nl.wur.cip.helpdesk.checklist.ChecklistService;
import nl.wur.cip.helpdesk.escalation.EmailAddresses;
import nl.wur.cip.helpdesk.escalation.EscalationRequest;
import nl.wur.cip.helpdesk.escalation.EscalationService;
import nl.wur.cip.helpdesk.escalation.EscalationStore;
import nl.wur.cip.helpdesk.knowledge.Language;

/**
 * {@code POST /api/escalations}: validates a question for the copyright office, stores it under the client's
 * {@code Idempotency-Key}, and answers {@code 202} with the ticket once it is committed.
 */
final class EscalationEndpoint {
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_QUESTION_CHARS = 4000;
    static final int MAX_NAME_CHARS = 100;
    static final int MAX_TRANSCRIPT_ENTRIES = 40;
    static final int MAX_ENTRY_CHARS = 8000;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{8,100}");
    private static final Set<String> ORIGINS = Set.of("chat", "checklist");
    private static final Set<String> ROLES = Set.of("user", "helpdesk");
    /** Control characters, including the Unicode line and paragraph separators. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");

    private static final Pattern CONTROL_EXCEPT_LINES = Pattern.compile("[\\p{Cc}\\u2028\\u2029&&[^\\n\\t]]");

    private final JsonRequests requests;
    private final EscalationService escalations;
    private final Supplier<Optional<ChecklistService>> checklist;

    EscalationEndpoint(
            JsonRequests requests, EscalationService escalations, Supplier<Optional<ChecklistService>> checklist) {
        this.requests = requests;
        this.escalations = escalations;
        this.checklist = checklist;
    }

    EscalationService.Receipt handle(Context ctx) {
        String key = ctx.header("Idempotency-Key");
        if (key == null || key.isBlank()) {
            throw new ApiException(
                    400,
                    "send an Idempotency-Key header (e.g. a random UUID) so a retried request"
                            + " cannot create a second escalation",
                    "stuur een Idempotency-Key-header (bijvoorbeeld een willekeurige UUID),"
                            + " zodat een herhaald verzoek geen tweede doorverwijzing maakt");
        }
        if (!KEY.matcher(key).matches()) {
            throw new ApiException(
                    400,
                    "the Idempotency-Key must be 8 to 100 letters, digits or . _ : -",
                    "de Idempotency-Key moet 8 tot 100 letters, cijfers of . _ : - zijn");
        }
        EscalationRequest request = read(requests.object(ctx, MAX_BODY_BYTES));
        Optional<String> report = Optional.empty();
        if (request.assessmentId().isPresent()) {
            ChecklistService service = checklist
                    .get()
                    .orElseThrow(() -> new ApiException(
                            503,
                            "the checklist is not available right now; try again shortly",
                            "de checklist is op dit moment niet beschikbaar; probeer het zo opnieuw"));
            report = Optional.of(service.markdown(request.assessmentId().get())
                    .orElseThrow(() -> new ApiException(
                            400,
                            "'assessmentId' does not name a stored checklist assessment",
                            "'assessmentId' verwijst niet naar een bewaarde checklistbeoordeling")));
        }
        try {
            return escalations.submit(key, request, report);
        } catch (EscalationStore.KeyReusedException e) {
            throw new ApiException(409, e.getMessage(), "deze Idempotency-Key is al gebruikt voor een ander verzoek");
        }
    }

    static EscalationRequest read(JsonNode body) {
        String email = JsonRequests.requiredString(body, "email", EmailAddresses.MAX_LENGTH)
                .strip();
        if (EmailAddresses.parse(email).isEmpty()) {
            throw new ApiException(
                    400,
                    "'email' must be one plain e-mail address, such as name@wur.nl",
                    "'email' moet één gewoon e-mailadres zijn, zoals naam@wur.nl");
        }
        Optional<String> name = JsonRequests.optionalString(body, "name", MAX_NAME_CHARS)
                .map(String::strip)
                .filter(n -> !n.isEmpty());
        if (name.isPresent() && CONTROL.matcher(name.get()).find()) {
            throw new ApiException(
                    400,
                    "'name' must not contain line breaks or control characters",
                    "'name' mag geen regeleinden of stuurtekens bevatten");
        }
        String question = clean(JsonRequests.requiredString(body, "question", MAX_QUESTION_CHARS));
        if (question.isBlank()) {
            throw new ApiException(400, "'question' must not be empty", "'question' mag niet leeg zijn");
        }
        List<EscalationRequest.TranscriptEntry> transcript = transcript(body.get("transcript"));
        Optional<String> assessmentId = JsonRequests.optionalString(body, "assessmentId", 40)
                .map(String::strip)
                .filter(id -> !id.isEmpty());
        if (assessmentId.isPresent() && !assessmentId.get().matches("[A-Za-z0-9_-]+")) {
            throw new ApiException(
                    400,
                    "'assessmentId' is not a checklist assessment id",
                    "'assessmentId' is geen id van een checklistbeoordeling");
        }
        JsonNode consent = body.get("quoteConsent");
        if (consent != null && !consent.isNull() && !consent.isBoolean()) {
            throw new ApiException(
                    400, "'quoteConsent' must be true or false", "'quoteConsent' moet true of false zijn");
        }
        Language language = JsonRequests.optionalLanguage(body).orElse(Language.EN);
        String origin = JsonRequests.optionalString(body, "origin", 16).orElse("chat");
        if (!ORIGINS.contains(origin)) {
            throw new ApiException(
                    400, "'origin' must be \"chat\" or \"checklist\"", "'origin' moet \"chat\" of \"checklist\" zijn");
        }
        return new EscalationRequest(
                email,
                name,
                question,
                transcript,
                assessmentId,
                consent != null && consent.asBoolean(),
                language,
                origin);
    }

    private static List<EscalationRequest.TranscriptEntry> transcript(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ApiException(
                    400,
                    "'transcript' must be a list of {\"role\": \"user\"|\"helpdesk\", \"text\": \"...\"}",
                    "'transcript' moet een lijst van {\"role\": \"user\"|\"helpdesk\", \"text\": \"...\"} zijn");
        }
        if (node.size() > MAX_TRANSCRIPT_ENTRIES) {
            throw new ApiException(
                    400,
                    "'transcript' has more than " + MAX_TRANSCRIPT_ENTRIES + " entries",
                    "'transcript' heeft meer dan " + MAX_TRANSCRIPT_ENTRIES + " regels");
        }
        List<EscalationRequest.TranscriptEntry> entries = new ArrayList<>();
        for (JsonNode entry : node) {
            if (!entry.isObject()) {
                throw new ApiException(
                        400,
                        "each 'transcript' entry must be an object with 'role' and 'text'",
                        "elke regel van 'transcript' moet een object met 'role' en 'text' zijn");
            }
            String role = JsonRequests.requiredString(entry, "role", 8);
            if (!ROLES.contains(role)) {
                throw new ApiException(
                        400,
                        "a transcript entry's 'role' must be \"user\" or \"helpdesk\"",
                        "de 'role' van een regel van 'transcript' moet \"user\" of \"helpdesk\" zijn");
            }
            entries.add(new EscalationRequest.TranscriptEntry(
                    role, clean(JsonRequests.requiredString(entry, "text", MAX_ENTRY_CHARS))));
        }
        return List.copyOf(entries);
    }

    /** Keeps line breaks and tabs, drops every other control character: this text only ever goes into a mail body. */
    private static String clean(String text) {
        return CONTROL_EXCEPT_LINES
                .matcher(text.replace("\r\n", "\n").replace('\r', '\n'))
                .replaceAll("")
                .strip();
    }
}
