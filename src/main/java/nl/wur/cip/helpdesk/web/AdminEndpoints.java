package nl.wur.cip.helpdesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.wur.cip.helpdesk.admin.AdminAuth;
import nl.wur.cip.helpdesk.escalation.EmailAddresses;
import nl.wur.cip.helpdesk.escalation.Escalation;
import nl.wur.cip.helpdesk.escalation.EscalationRequest;
import nl.wur.cip.helpdesk.escalation.EscalationService;
import nl.wur.cip.helpdesk.escalation.EscalationStatus;
import nl.wur.cip.helpdesk.feedback.Feedback;
import nl.wur.cip.helpdesk.feedback.FeedbackStore;
import nl.wur.cip.helpdesk.feedback.UnansweredLog;
import nl.wur.cip.helpdesk.knowledge.Bilingual;

/**
 * The admin inbox API under {@code /admin/api}: login, the escalations (list, show, retry, mark handled), feedback
 * and unanswered questions. Every route but login needs the session cookie; without a configured password all refuse.
 */
final class AdminEndpoints {
    static final String COOKIE = "cip_admin";
    private static final int LIST_LIMIT = 500;

    private final JsonRequests requests;
    private final Optional<AdminAuth> auth;
    private final EscalationService escalations;
    private final FeedbackStore feedback;
    private final UnansweredLog unanswered;
    private final Clock clock;

    AdminEndpoints(JsonRequests requests, Optional<AdminAuth> auth, EscalationService escalations, FeedbackStore feedback,
                   UnansweredLog unanswered, Clock clock) {
        this.requests = requests;
        this.auth = auth;
        this.escalations = escalations;
        this.feedback = feedback;
        this.unanswered = unanswered;
        this.clock = clock;
    }

    /** Runs before every admin API route: refuses anonymous requests, and every request when admin is disabled. */
    void guard(Context ctx) {
        AdminAuth admin = enabled();
        if (ctx.path().equals("/admin/api/login")) {
            return;
        }
        if (!admin.valid(ctx.cookie(COOKIE))) {
            throw new ApiException(401, "log in first", "log eerst in");
        }
    }

    Map<String, Object> login(Context ctx) {
        AdminAuth admin = enabled();
        JsonNode body = requests.object(ctx);
        String password = JsonRequests.requiredString(body, "password", 200);
        AdminAuth.Login result = admin.login(ctx.ip(), password);
        if (result instanceof AdminAuth.Login.Throttled throttled) {
            ctx.header("Retry-After", Long.toString(Math.max(1, throttled.retryAfter().toSeconds())));
            throw new ApiException(429, "too many wrong passwords; wait before trying again",
                    "te vaak een verkeerd wachtwoord; wacht even voor je het opnieuw probeert");
        }
        if (result instanceof AdminAuth.Login.Busy busy) {
            ctx.header("Retry-After", Long.toString(Math.max(1, busy.retryAfter().toSeconds())));
            throw new ApiException(503, "too many logins at once; try again in a moment",
                    "te veel aanmeldingen tegelijk; probeer het zo opnieuw");
        }
        if (!(result instanceof AdminAuth.Login.Accepted accepted)) {
            throw new ApiException(401, "wrong password", "verkeerd wachtwoord");
        }
        ctx.header("Set-Cookie", COOKIE + "=" + accepted.token() + "; Path=/admin; Max-Age="
                + AdminAuth.SESSION_LENGTH.toSeconds() + "; HttpOnly; SameSite=Strict" + (secure(ctx) ? "; Secure" : ""));
        return Map.of("loggedIn", true);
    }

    Map<String, Object> logout(Context ctx) {
        enabled().logout(ctx.cookie(COOKIE));
        ctx.header("Set-Cookie", COOKIE + "=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Strict");
        return Map.of("loggedIn", false);
    }

    Map<String, Object> session(Context ctx) {
        return Map.of("loggedIn", true, "mailConfigured", escalations.mailConfigured());
    }

    List<Map<String, Object>> list(Context ctx) {
        Optional<String> asked = Optional.ofNullable(ctx.queryParam("status")).filter(s -> !s.isEmpty());
        Optional<EscalationStatus> status = asked.flatMap(EscalationStatus::fromCode).filter(EscalationStatus.FILTERS::contains);
        if (asked.isPresent() && status.isEmpty()) {
            Bilingual codes = Bilingual.oneOf(EscalationStatus.FILTERS.stream().map(EscalationStatus::code).toList());
            throw new ApiException(400, "'status' must be " + codes.en(), "'status' moet " + codes.nl() + " zijn");
        }
        return escalations.latest(status, LIST_LIMIT).stream().map(AdminEndpoints::summary).toList();
    }


    /** One escalation in full, as the office reads it. */
    record Detail(String ticket, String status, Instant createdAt, String origin, String language, Optional<String> email,
                  Optional<String> name, Optional<String> question, List<EscalationRequest.TranscriptEntry> transcript,
                  Optional<String> assessmentId, Optional<String> assessment, boolean quoteConsent,
                  Optional<Instant> handledAt, Optional<Instant> purgedAt, List<Delivery> deliveries) {
    }

    /** One mail of an escalation and where its delivery stands. */
    record Delivery(String kind, String messageId, String status, int attempts, Instant nextAttemptAt,
                    Optional<String> lastError, Optional<Instant> sentAt) {
    }

    Detail show(Context ctx) {
        return detail(find(ctx));
    }

    /** A researcher's right of access: everything held about the escalations from one address, as a download. */
    Map<String, Object> exportPerson(Context ctx) {
        String email = email(ctx.queryParam("email"));
        ctx.header("Content-Disposition", "attachment; filename=\"escalations-export.json\"");
        return Map.of("email", email, "exportedAt", clock.instant().toString(),
                "escalations", escalations.byEmail(email).stream().map(AdminEndpoints::detail).toList());
    }

    /** A researcher's right to erasure: deletes the personal data of every escalation from one address. */
    Map<String, Object> deletePerson(Context ctx) {
        String email = email(JsonRequests.requiredString(requests.object(ctx), "email", EmailAddresses.MAX_LENGTH));
        return Map.of("email", email, "escalationsErased", escalations.forget(email));
    }

    private static String email(String value) {
        if (value == null || EmailAddresses.parse(value.strip()).isEmpty()) {
            throw new ApiException(400, "'email' must be one plain e-mail address",
                    "'email' moet één gewoon e-mailadres zijn");
        }
        return value.strip();
    }

    private static Detail detail(Escalation e) {
        return new Detail(e.ticket(), e.status().code(), e.createdAt(), e.origin(), e.language().code(), e.email(), e.name(),
                e.question(), e.transcript(), e.assessmentId(), e.assessment(), e.quoteConsent(), e.handledAt(), e.purgedAt(),
                e.deliveries().stream().map(d -> new Delivery(d.kind().code(), d.messageId(), d.status().code(), d.attempts(),
                        d.nextAttemptAt(), d.lastError(), d.sentAt())).toList());
    }

    private Escalation find(Context ctx) {
        return escalations.find(ctx.pathParam("ticket")).orElseThrow(() -> new ApiException(404, "no escalation with this ticket",
                "geen doorverwijzing met dit ticket"));
    }

    Map<String, Object> retry(Context ctx) {
        Escalation e = find(ctx);
        if (!escalations.retry(e.ticket())) {
            throw new ApiException(409, "this escalation has no failed mail to retry",
                    "deze doorverwijzing heeft geen mislukte mail om opnieuw te versturen");
        }
        return Map.of("ticket", e.ticket(), "status", EscalationStatus.QUEUED.code());
    }

    Map<String, Object> handled(Context ctx) {
        Escalation e = find(ctx);
        escalations.markHandled(e.ticket());
        return Map.of("ticket", e.ticket(), "status", EscalationStatus.HANDLED.code());
    }

    List<Feedback> feedback(Context ctx) {
        return feedback.latest(LIST_LIMIT);
    }

    List<UnansweredLog.Entry> unanswered(Context ctx) {
        return unanswered.latest(LIST_LIMIT);
    }

    private static Map<String, Object> summary(Escalation e) {
        String question = e.question().orElse("");
        return Map.of("ticket", e.ticket(), "createdAt", e.createdAt().toString(), "status", e.status().code(),
                "origin", e.origin(), "email", e.email().orElse(""), "name", e.name().orElse(""),
                "question", question.length() > 200 ? question.substring(0, 200) + "…" : question,
                "attempts", e.deliveries().stream().mapToInt(Escalation.Delivery::attempts).sum(),
                "lastError", e.deliveries().stream().flatMap(d -> d.lastError().stream()).findFirst().orElse(""));
    }

    private AdminAuth enabled() {
        return auth.orElseThrow(() -> new ApiException(404, "the admin inbox is disabled; set HELPDESK_ADMIN_PASSWORD to"
                + " enable it", "de beheerinbox staat uit; zet HELPDESK_ADMIN_PASSWORD om hem aan te zetten"));
    }

    private static boolean secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }
}
