package nl.wur.cip.helpdesk.admin;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Admin login: checks the password against its hash, throttles guessing, and keeps the sessions in memory. */
public final class AdminAuth {
    public static final Duration SESSION_LENGTH = Duration.ofHours(8);
    private static final int MAX_SESSIONS = 1_000;

    private final PasswordHash password;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();

    public AdminAuth(String password, Clock clock) {
        this.password = PasswordHash.of(password, random);
        this.throttle = new LoginThrottle(clock);
        this.clock = clock;
    }

    /** The result of a login attempt: a session token, a wrong password, or a client that must wait. */
    public sealed interface Login {
        record Accepted(String token) implements Login { }
        record Refused() implements Login { }
        record Throttled(Duration retryAfter) implements Login { }
    }

    public Login login(String client, String candidate) {
        Optional<Duration> locked = throttle.lockedFor(client);
        if (locked.isPresent()) {
            return new Login.Throttled(locked.get());
        }
        if (!password.matches(candidate)) {
            throttle.failed(client);
            return new Login.Refused();
        }
        throttle.succeeded(client);
        Instant now = clock.instant();
        sessions.values().removeIf(expiry -> expiry.isBefore(now));
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.clear();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(token, now.plus(SESSION_LENGTH));
        return new Login.Accepted(token);
    }

    public boolean valid(String token) {
        if (token == null) {
            return false;
        }
        Instant expiry = sessions.get(token);
        if (expiry == null) {
            return false;
        }
        if (expiry.isBefore(clock.instant())) {
            sessions.remove(token);
            return false;
        }
        return true;
    }

    public void logout(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }
}
