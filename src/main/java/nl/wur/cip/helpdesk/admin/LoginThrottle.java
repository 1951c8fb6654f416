package nl.wur.cip.helpdesk.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing, per client address and for the account as a whole: after a number of free wrong
 * passwords each further one locks out twice as long, up to a maximum. The address counter is strict (5 free, up to
 * 15 minutes); the account counter, which catches guessing spread over many addresses, allows more and locks for at
 * most a minute, so an attacker behind the same proxy as the office can delay the real admin but not lock them out.
 * An attempt is counted when it starts, in the same step as the check, so parallel guesses cannot slip past the count.
 */
public final class LoginThrottle {
    static final Limit PER_ADDRESS = new Limit(5, Duration.ofMinutes(15));
    static final Limit PER_ACCOUNT = new Limit(20, Duration.ofMinutes(1));
    private static final int MAX_CLIENTS = 10_000;

    /** @param freeFailures wrong passwords before the first lock-out; @param maxLock the longest lock-out */
    record Limit(int freeFailures, Duration maxLock) {
        Duration lockAfter(int failures) {
            if (failures < freeFailures) {
                return Duration.ZERO;
            }
            long seconds = 1L << Math.min(failures - freeFailures, 20);
            return Duration.ofSeconds(Math.min(seconds, maxLock.toSeconds()));
        }
    }

    private final Clock clock;
    private final Map<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_CLIENTS;
        }
    };
    private Failures account = Failures.NONE;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Failures(int count, Instant lockedUntil) {
        static final Failures NONE = new Failures(0, Instant.EPOCH);

        Failures plusOne(Limit limit, Instant now) {
            return new Failures(count + 1, now.plus(limit.lockAfter(count + 1)));
        }
    }

    /**
     * Starts a login attempt: how long the client must still wait if it or the account is locked out; otherwise the
     * attempt is counted as a failure until {@link #succeeded} says otherwise.
     */
    public synchronized Optional<Duration> begin(String client) {
        Instant now = clock.instant();
        Failures mine = failures.getOrDefault(client, Failures.NONE);
        Instant until = mine.lockedUntil().isAfter(account.lockedUntil()) ? mine.lockedUntil() : account.lockedUntil();
        if (until.isAfter(now)) {
            return Optional.of(Duration.between(now, until));
        }
        failures.put(client, mine.plusOne(PER_ADDRESS, now));
        account = account.plusOne(PER_ACCOUNT, now);
        return Optional.empty();
    }

    /** The attempt had the right password: the client's and the account's failures are forgotten. */
    public synchronized void succeeded(String client) {
        failures.remove(client);
        account = Failures.NONE;
    }
}
