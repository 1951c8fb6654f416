package nl.wur.cip.helpdesk.admin;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import nl.wur.cip.helpdesk.guard.RateLimiter;
import nl.wur.cip.helpdesk.storage.Database;

/**
 * Admin login: the shared password and/or named sign-in through OpenID Connect ({@link OidcLogin}), the sessions they
 * open (each carrying who and the role) and the audit list of what the signed-in people change. The password login
 * checks the password against its hash, throttles guessing, and gives the handler role; throttle and sessions are in
 * the database, shared by every instance ({@link LoginThrottle}, {@link AdminSessions}). A password
 * check costs a core a fraction of a second by design (PBKDF2), so checks run one at a time and at most
 * {@value #CHECKS_PER_MINUTE} a minute from all addresses together: failed logins from many addresses cannot take the
 * CPU from the researchers' questions. That overall rate and the one-at-a-time are per instance: they guard this
 * instance's CPU.
 */
public final class AdminAuth {
    public static final Duration SESSION_LENGTH = Duration.ofHours(8);
    static final int CHECKS_PER_MINUTE = 30;
    static final int CHECKS_BURST = 10;
    /** How long a login waits for the check before it is told to come back: a burst of ten checks fits. */
    private static final Duration CHECK_WAIT = Duration.ofSeconds(3);

    /** How long the provider may take to send the browser back before the sign-in must start again. */
    static final Duration SIGN_IN_LENGTH = Duration.ofMinutes(10);

    private final Optional<PasswordHash> password;
    private final LoginThrottle throttle;
    private final AdminSessions sessions;
    private final Optional<OidcLogin> oidc;
    private final AuditLog audit;
    private final RateLimiter checks;
    private final Semaphore checking = new Semaphore(1, true);

    /** The password login only. */
    public AdminAuth(String password, Clock clock, Database database) {
        this(Optional.of(password), Optional.empty(), clock, database);
    }

    /** The password login, named sign-in, or both; at least one. */
    public AdminAuth(Optional<String> password, Optional<OidcSettings> oidc, Clock clock, Database database) {
        this(
                password,
                oidc,
                clock,
                database,
                new RateLimiter(CHECKS_PER_MINUTE, Duration.ofMinutes(1), CHECKS_BURST, 1, System::nanoTime));
    }

    AdminAuth(String password, Clock clock, Database database, RateLimiter checks) {
        this(Optional.of(password), Optional.empty(), clock, database, checks);
    }

    private AdminAuth(
            Optional<String> password,
            Optional<OidcSettings> oidc,
            Clock clock,
            Database database,
            RateLimiter checks) {
        if (password.isEmpty() && oidc.isEmpty()) {
            throw new IllegalArgumentException("the admin needs a password or OpenID Connect settings");
        }
        SecureRandom random = new SecureRandom();
        this.password = password.map(p -> PasswordHash.of(p, random));
        this.throttle = new LoginThrottle(database, clock);
        this.sessions = new AdminSessions(database, clock, SESSION_LENGTH, random);
        this.oidc = oidc.map(settings ->
                new OidcLogin(settings, new PendingLogins(database, clock, SIGN_IN_LENGTH, random), sessions));
        this.audit = new AuditLog(database, clock);
        this.checks = checks;
    }

    /** Whether the shared password logs in here (off when only named sign-in is configured). */
    public boolean passwordLogin() {
        return password.isPresent();
    }

    /** Named sign-in through the OpenID Connect provider, when configured. */
    public Optional<OidcLogin> oidc() {
        return oidc;
    }

    /** Who did what in the admin; kept with the sessions, so every instance writes to the one list. */
    public AuditLog audit() {
        return audit;
    }

    /** The result of a login attempt: a session token, a wrong password, or a client that must wait. */
    public sealed interface Login {
        record Accepted(String token, AdminIdentity who) implements Login {}
        /** This installation signs in through OpenID Connect only. */
        record PasswordOff() implements Login {}

        record Refused() implements Login {}

        record Throttled(Duration retryAfter) implements Login {}
        /** Too many password checks at once, from all clients together: this one was not checked (but is counted). */
        record Busy(Duration retryAfter) implements Login {}
    }

    public Login login(String client, String candidate) {
        if (password.isEmpty()) {
            return new Login.PasswordOff();
        }
        Optional<Duration> locked = throttle.begin(client);
        if (locked.isPresent()) {
            return new Login.Throttled(locked.get());
        }
        // Only attempts that would be checked draw on the overall rate, so locked-out guessers cannot use it up.
        Optional<Duration> overall = checks.acquire("all");
        if (overall.isPresent()) {
            return new Login.Busy(overall.get());
        }
        Optional<Login> refused = check(candidate);
        if (refused.isPresent()) {
            return refused.get();
        }
        throttle.succeeded(client);
        AdminIdentity who = AdminIdentity.password();
        return new Login.Accepted(sessions.create(who), who);
    }

    /** Checks the candidate in turn with other logins: empty if it is the password, else why it is refused. */
    private Optional<Login> check(String candidate) {
        try {
            if (!checking.tryAcquire(CHECK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.of(new Login.Busy(CHECK_WAIT));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new Login.Busy(CHECK_WAIT));
        }
        try {
            return password.orElseThrow().matches(candidate) ? Optional.empty() : Optional.of(new Login.Refused());
        } finally {
            checking.release();
        }
    }

    public boolean valid(String token) {
        return session(token).isPresent();
    }

    /** Who holds this session cookie; empty for none, a made-up one, or one that ended or expired. */
    public Optional<AdminIdentity> session(String token) {
        return token == null || token.isEmpty() ? Optional.empty() : sessions.find(token);
    }

    /** Ends the session on every instance. */
    public void logout(String token) {
        if (token != null && !token.isEmpty()) {
            sessions.end(token);
        }
    }
}
