package nl.wur.cip.helpdesk.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing per client: after {@value #FREE_FAILURES} wrong passwords each further one locks the
 * client out twice as long, up to {@link #MAX_LOCK}. Remembers a bounded number of clients.
 */
public final class LoginThrottle {
    static final int FREE_FAILURES = 5;
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    private static final int MAX_CLIENTS = 10_000;

    private final Clock clock;
    private final Map<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Failures(int count, Instant lockedUntil) {
    }

    /** How long the client must still wait, if it is locked out. */
    public synchronized Optional<Duration> lockedFor(String client) {
        Failures f = failures.get(client);
        if (f == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), f.lockedUntil());
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    public synchronized void failed(String client) {
        int count = failures.getOrDefault(client, new Failures(0, Instant.EPOCH)).count() + 1;
        Duration lock = Duration.ZERO;
        if (count >= FREE_FAILURES) {
            long seconds = 1L << Math.min(count - FREE_FAILURES, 20);
            lock = Duration.ofSeconds(Math.min(seconds, MAX_LOCK.toSeconds()));
        }
        failures.put(client, new Failures(count, clock.instant().plus(lock)));
    }

    public synchronized void succeeded(String client) {
        failures.remove(client);
    }
}
