package nl.wur.cip.helpdesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import nl.wur.cip.helpdesk.admin.AdminAuth;
import nl.wur.cip.helpdesk.admin.AdminIdentity;
import nl.wur.cip.helpdesk.admin.AuditLog;
import nl.wur.cip.helpdesk.admin.OidcLogin;
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
 * The admin inbox API under {@code /admin/api}: login (password or OpenID Connect), the escalations (list, show,
 * retry, mark handled), feedback, unanswered questions and the audit list. Every route but the login ones needs the
 * session cookie, the changing ones the handler role; every change is written to the audit list with who made it.
 * Without a configured password or OpenID Connect provider all refuse.
 */
final class AdminEndpoints {
    static final String COOKIE = "cip_admin";
    /** The id of an OpenID Connect sign-in under way; Lax, because the provider's redirect back is a cross-site GET. */
    static final String LOGIN_COOKIE = "cip_admin_login";

    private static final String LOGIN_COOKIE_PATH = "/admin/api/oidc";
    private static final Set<String> OPEN_PATHS =
            Set.of("/admin/api/login", "/admin/api/login-options", "/admin/api/oidc/start", "/admin/api/oidc/callback");
    private static final String WHO = "adminIdentity";
    private static final int LIST_LIMIT = 500;
    private static final int MAX_CALLBACK_VALUE = 4096;

    private final JsonRequests requests;
    private final Optional<AdminAuth> auth;
    private final EscalationService escalations;
    private final FeedbackStore feedback;
    private final UnansweredLog unanswered;
    private final Clock clock;

    AdminEndpoints(
            JsonRequests requests,
            Optional<AdminAuth> auth,
            EscalationService escalations,
            FeedbackStore feedback,
            UnansweredLog unanswered,
            Clock clock) {
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
        if (OPEN_PATHS.contains(ctx.path())) {
            return;
        }
        AdminIdentity who = admin.session(ctx.cookie(COOKIE))
                .orElseThrow(() -> new ApiException(401, "log in first", "log eerst in"));
        ctx.attribute(WHO, who);
    }

    /** Runs before the routes that change something: only a handler may. */
    void handlerOnly(Context ctx) {
        if (!who(ctx).handler()) {
            throw new ApiException(
                    403,
                    "this needs the handler role; you are signed in as a viewer",
                    "hiervoor is de rol behandelaar nodig; je bent aangemeld als lezer");
        }
    }

    /** Who is signed in on this request (set by {@link #guard}). */
    static AdminIdentity who(Context ctx) {
        AdminIdentity who = ctx.attribute(WHO);
        if (who == null) { // only if a route were added outside the guard: refuse rather than act for nobody
            throw new ApiException(401, "log in first", "log eerst in");
        }
        return who;
    }

    /** Which ways to log in this installation offers, for the login page. */
    Map<String, Object> loginOptions(Context ctx) {
        AdminAuth admin = enabled();
        return Map.of("password", admin.passwordLogin(), "oidc", admin.oidc().isPresent());
    }

    /** Sends the browser to the provider, with this sign-in's id in a cookie; a provider that is down: back to the page. */
    void oidcStart(Context ctx) {
        OidcLogin oidc = oidc();
        try {
            OidcLogin.Redirect redirect = oidc.start();
            ctx.header(
                    "Set-Cookie",
                    LOGIN_COOKIE + "=" + redirect.loginId() + "; Path=" + LOGIN_COOKIE_PATH + "; Max-Age=600"
                            + "; HttpOnly; SameSite=Lax" + (secure(ctx) ? "; Secure" : ""));
            ctx.redirect(redirect.location().toString(), HttpStatus.SEE_OTHER);
        } catch (OidcLogin.ProviderException e) {
            backToPage(ctx, Optional.of(OidcLogin.Failure.PROVIDER));
        }
    }

    /**
     * The provider sends the browser back here: on success the session cookie and the inbox, otherwise the page with
     * the reason ({@code ?login_error=…}, said in words there). Never a 5xx or a stack trace, whatever the query holds.
     */
    void oidcCallback(Context ctx) {
        OidcLogin oidc = oidc();
        Map<String, String> params = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((name, values) -> {
            if (!values.isEmpty() && values.get(0).length() <= MAX_CALLBACK_VALUE) {
                params.put(name, values.get(0));
            }
        });
        ctx.header("Set-Cookie", LOGIN_COOKIE + "=; Path=" + LOGIN_COOKIE_PATH + "; Max-Age=0; HttpOnly; SameSite=Lax");
        OidcLogin.Result result = oidc.finish(ctx.cookie(LOGIN_COOKIE), params);
        if (result instanceof OidcLogin.Result.SignedIn signedIn) {
            enabled().audit().record(signedIn.who(), AuditLog.Action.LOGIN, "OpenID Connect");
            ctx.res().addHeader("Set-Cookie", sessionCookie(ctx, signedIn.sessionToken()));
            backToPage(ctx, Optional.empty());
        } else {
            backToPage(ctx, Optional.of(((OidcLogin.Result.Failed) result).failure()));
        }
    }

    private static void backToPage(Context ctx, Optional<OidcLogin.Failure> failure) {
        ctx.redirect(
                "/admin.html" + failure.map(f -> "?login_error=" + f.code()).orElse(""), HttpStatus.SEE_OTHER);
    }

    private OidcLogin oidc() {
        return enabled()
                .oidc()
                .orElseThrow(() -> new ApiException(
                        404,
                        "sign-in through OpenID Connect is not configured;" + " set HELPDESK_OIDC_DISCOVERY_URL",
                        "aanmelden via OpenID Connect is niet ingesteld; zet HELPDESK_OIDC_DISCOVERY_URL"));
    }

    /** The audit list: who changed what, most recent first. */
    List<AuditLog.Entry> audit(Context ctx) {
        return enabled().audit().latest(LIST_LIMIT);
    }

    /** Writes a change to the audit list with who made it (also for the changes other admin endpoints make). */
    void record(Context ctx, AuditLog.Action action, String target) {
        record(who(ctx), action, target);
    }

    /** Writes a change that ended after its request (a reload) to the audit list, for who asked for it. */
    void record(AdminIdentity who, AuditLog.Action action, String target) {
        enabled().audit().record(who, action, target);
    }

    Map<String, Object> login(Context ctx) {
        AdminAuth admin = enabled();
        JsonNode body = requests.object(ctx);
        String password = JsonRequests.requiredString(body, "password", 200);
        AdminAuth.Login result = admin.login(ctx.ip(), password);
        if (result instanceof AdminAuth.Login.Throttled throttled) {
            ctx.header(
                    "Retry-After",
                    Long.toString(Math.max(1, throttled.retryAfter().toSeconds())));
            throw new ApiException(
                    429,
                    "too many wrong passwords; wait before trying again",
                    "te vaak een verkeerd wachtwoord; wacht even voor je het opnieuw probeert");
        }
        if (result instanceof AdminAuth.Login.Busy busy) {
            ctx.header(
                    "Retry-After", Long.toString(Math.max(1, busy.retryAfter().toSeconds())));
            throw new ApiException(
                    503,
                    "too many logins at once; try again in a moment",
                    "te veel aanmeldingen tegelijk; probeer het zo opnieuw");
        }
        if (result instanceof AdminAuth.Login.PasswordOff) {
            throw new ApiException(
                    404,
                    "this helpdesk has no admin password; sign in with your institution account",
                    "deze helpdesk heeft geen beheerwachtwoord; meld je aan met je instellingsaccount");
        }
        if (!(result instanceof AdminAuth.Login.Accepted accepted)) {
            throw new ApiException(401, "wrong password", "verkeerd wachtwoord");
        }
        admin.audit().record(accepted.who(), AuditLog.Action.LOGIN, "password");
        ctx.header("Set-Cookie", sessionCookie(ctx, accepted.token()));
        return Map.of("loggedIn", true);
    }

    private static String sessionCookie(Context ctx, String token) {
        return COOKIE + "=" + token + "; Path=/admin; Max-Age=" + AdminAuth.SESSION_LENGTH.toSeconds()
                + "; HttpOnly; SameSite=Strict" + (secure(ctx) ? "; Secure" : "");
    }

    Map<String, Object> logout(Context ctx) {
        record(ctx, AuditLog.Action.LOGOUT, "");
        enabled().logout(ctx.cookie(COOKIE));
        ctx.header("Set-Cookie", COOKIE + "=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Strict");
        return Map.of("loggedIn", false);
    }

    /** Who is signed in, with which role (the page hides what a viewer may not do), and whether mail is on. */
    Map<String, Object> session(Context ctx) {
        AdminIdentity who = who(ctx);
        return Map.of(
                "loggedIn",
                true,
                "mailConfigured",
                escalations.mailConfigured(),
                "name",
                who.name(),
                "account",
                who.account(),
                "role",
                who.role().code());
    }

    List<Map<String, Object>> list(Context ctx) {
        Optional<String> asked = Optional.ofNullable(ctx.queryParam("status")).filter(s -> !s.isEmpty());
        Optional<EscalationStatus> status =
                asked.flatMap(EscalationStatus::fromCode).filter(EscalationStatus.FILTERS::contains);
        if (asked.isPresent() && status.isEmpty()) {
            Bilingual codes = Bilingual.oneOf(EscalationStatus.FILTERS.stream()
                    .map(EscalationStatus::code)
                    .toList());
            throw new ApiException(400, "'status' must be " + codes.en(), "'status' moet " + codes.nl() + " zijn");
        }
        return escalations.latest(status, LIST_LIMIT).stream()
                .map(AdminEndpoints::summary)
                .toList();
    }

    /** One escalation in full, as the office reads it. */
    record Detail(
            String ticket,
            String status,
            Instant createdAt,
            String origin,
            String language,
            Optional<String> email,
            Optional<String> name,
            Optional<String> question,
            List<EscalationRequest.TranscriptEntry> transcript,
            Optional<String> assessmentId,
            Optional<String> assessment,
            boolean quoteConsent,
            Optional<Instant> handledAt,
            Optional<Instant> purgedAt,
            List<Delivery> deliveries) {}

    /** One mail of an escalation and where its delivery stands. */
    record Delivery(
            String kind,
            String messageId,
            String status,
            int attempts,
            Instant nextAttemptAt,
            Optional<String> lastError,
            Optional<Instant> sentAt) {}

    Detail show(Context ctx) {
        return detail(find(ctx));
    }

    /** A researcher's right of access: everything held about the escalations from one address, as a download. */
    Map<String, Object> exportPerson(Context ctx) {
        String email = email(ctx.queryParam("email"));
        List<Escalation> found = escalations.byEmail(email);
        record(ctx, AuditLog.Action.EXPORT, tickets(found));
        ctx.header("Content-Disposition", "attachment; filename=\"escalations-export.json\"");
        return Map.of(
                "email",
                email,
                "exportedAt",
                clock.instant().toString(),
                "escalations",
                found.stream().map(AdminEndpoints::detail).toList());
    }

    /** A researcher's right to erasure: deletes the personal data of every escalation from one address. */
    Map<String, Object> deletePerson(Context ctx) {
        String email = email(JsonRequests.requiredString(requests.object(ctx), "email", EmailAddresses.MAX_LENGTH));
        String tickets = tickets(escalations.byEmail(email));
        int erased = escalations.forget(email);
        record(ctx, AuditLog.Action.ERASE, tickets);
        return Map.of("email", email, "escalationsErased", erased);
    }

    /** What the audit list says an export or erasure concerned: the tickets, never the address. */
    private static String tickets(List<Escalation> found) {
        return found.isEmpty() ? "-" : found.stream().map(Escalation::ticket).collect(Collectors.joining(", "));
    }

    private static String email(String value) {
        if (value == null || EmailAddresses.parse(value.strip()).isEmpty()) {
            throw new ApiException(
                    400, "'email' must be one plain e-mail address", "'email' moet één gewoon e-mailadres zijn");
        }
        return value.strip();
    }

    private static Detail detail(Escalation e) {
        return new Detail(
                e.ticket(),
                e.status().code(),
                e.createdAt(),
                e.origin(),
                e.language().code(),
                e.email(),
                e.name(),
                e.question(),
                e.transcript(),
                e.assessmentId(),
                e.assessment(),
                e.quoteConsent(),
                e.handledAt(),
                e.purgedAt(),
                e.deliveries().stream()
                        .map(d -> new Delivery(
                                d.kind().code(),
                                d.messageId(),
                                d.status().code(),
                                d.attempts(),
                                d.nextAttemptAt(),
                                d.lastError(),
                                d.sentAt()))
                        .toList());
    }

    private Escalation find(Context ctx) {
        return escalations
                .find(ctx.pathParam("ticket"))
                .orElseThrow(() ->
                        new ApiException(404, "no escalation with this ticket", "geen doorverwijzing met dit ticket"));
    }

    Map<String, Object> retry(Context ctx) {
        Escalation e = find(ctx);
        if (!escalations.retry(e.ticket())) {
            throw new ApiException(
                    409,
                    "this escalation has no failed mail to retry",
                    "deze doorverwijzing heeft geen mislukte mail om opnieuw te versturen");
        }
        record(ctx, AuditLog.Action.RETRY, e.ticket());
        return Map.of("ticket", e.ticket(), "status", EscalationStatus.QUEUED.code());
    }

    Map<String, Object> handled(Context ctx) {
        Escalation e = find(ctx);
        escalations.markHandled(e.ticket());
        record(ctx, AuditLog.Action.HANDLED, e.ticket());
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
        return Map.of(
                "ticket",
                e.ticket(),
                "createdAt",
                e.createdAt().toString(),
                "status",
                e.status().code(),
                "origin",
                e.origin(),
                "email",
                e.email().orElse(""),
                "name",
                e.name().orElse(""),
                "question",
                question.length() > 200 ? question.substring(0, 200) + "…" : question,
                "attempts",
                e.deliveries().stream().mapToInt(Escalation.Delivery::attempts).sum(),
                "lastError",
                e.deliveries().stream()
                        .flatMap(d -> d.lastError().stream())
                        .findFirst()
                        .orElse(""));
    }

    private AdminAuth enabled() {
        return auth.orElseThrow(() -> new ApiException(
                404,
                "the admin inbox is disabled; set HELPDESK_ADMIN_PASSWORD or"
                        + " HELPDESK_OIDC_DISCOVERY_URL to enable it",
                "de beheerinbox staat uit; zet HELPDESK_ADMIN_PASSWORD of"
                        + " HELPDESK_OIDC_DISCOVERY_URL om hem aan te zetten"));
    }

    private static boolean secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }
}
