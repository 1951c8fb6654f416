package nl.wur.cip.helpdesk.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import nl.wur.cip.helpdesk.storage.Database;
import nl.wur.cip.helpdesk.storage.StorageException;

/**
 * Slows password guessing, per client address and for the account as a whole: after a number of free wrong
 * passwords each further one locks out twice as long, up to a maximum. The address counter is strict (5 free, up to
 * 15 minutes); the account counter, which catches guessing spread over many addresses, allows more and locks for at
 * most a minute, so an attacker behind the same proxy as the office can delay the real admin but not lock them out.
 *
 * <p>The counts are in the database, so guesses spread over several instances count together. An attempt is counted
 * when it starts, in the same transaction as the check, which first locks the account's row ({@code SELECT … FOR
 * UPDATE}): attempts from all instances take turns there, so parallel guesses cannot slip past the count. An address
 * whose last attempt is a day old and no longer locked is forgotten.
 */
public final class LoginThrottle {
    static final Limit PER_ADDRESS = new Limit(5, Duration.ofMinutes(15));
    static final Limit PER_ACCOUNT = new Limit(20, Duration.ofMinutes(1));
    private static final String ACCOUNT = "*";
    private static final int MAX_CLIENT_LENGTH = 100;
    private static final Duration FORGET_AFTER = Duration.ofDays(1);

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

    private final Database database;
    private final Clock clock;

    public LoginThrottle(Database database, Clock clock) {
        this.database = database;
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
    public Optional<Duration> begin(String client) {
        String key = key(client);
        Instant now = clock.instant();
        try {
            return database.inTransaction(c -> {
                Failures account = read(c, ACCOUNT).orElse(Failures.NONE); // locks the row: one attempt at a time
                Optional<Failures> stored = read(c, key);
                Failures mine = stored.orElse(Failures.NONE);
                Instant until =
                        mine.lockedUntil().isAfter(account.lockedUntil()) ? mine.lockedUntil() : account.lockedUntil();
                if (until.isAfter(now)) {
                    return Optional.of(Duration.between(now, until));
                }
                write(c, key, mine.plusOne(PER_ADDRESS, now), now, stored.isPresent());
                write(c, ACCOUNT, account.plusOne(PER_ACCOUNT, now), now, true);
                forgetOld(c, now);
                return Optional.<Duration>empty();
            });
        } catch (SQLException e) {
            throw new StorageException("cannot count the login attempt", e);
        }
    }

    /** The attempt had the right password: the client's and the account's failures are forgotten. */
    public void succeeded(String client) {
        try {
            database.inTransaction(c -> {
                read(c, ACCOUNT);
                try (PreparedStatement s = c.prepareStatement("DELETE FROM login_failure WHERE client = ?")) {
                    s.setString(1, key(client));
                    s.executeUpdate();
                }
                write(c, ACCOUNT, Failures.NONE, clock.instant(), true);
                return null;
            });
        } catch (SQLException e) {
            throw new StorageException("cannot clear the login failures", e);
        }
    }

    private static Optional<Failures> read(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT failures, locked_until FROM login_failure WHERE client = ?" + " FOR UPDATE")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(
                                new Failures(rs.getInt(1), rs.getTimestamp(2).toInstant()))
                        : Optional.empty();
            }
        }
    }

    private static void write(Connection c, String key, Failures failures, Instant now, boolean exists)
            throws SQLException {
        // No other transaction inserts this address meanwhile: all of them wait for the account's row first.
        String sql = exists
                ? "UPDATE login_failure SET failures = ?, locked_until = ?, last_attempt = ? WHERE client = ?"
                : "INSERT INTO login_failure (failures, locked_until, last_attempt, client) VALUES (?, ?, ?, ?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, failures.count());
            s.setTimestamp(2, Timestamp.from(failures.lockedUntil()));
            s.setTimestamp(3, Timestamp.from(now));
            s.setString(4, key);
            s.executeUpdate();
        }
    }

    private static void forgetOld(Connection c, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM login_failure WHERE client <> ? AND last_attempt < ?" + " AND locked_until < ?")) {
            s.setString(1, ACCOUNT);
            s.setTimestamp(2, Timestamp.from(now.minus(FORGET_AFTER)));
            s.setTimestamp(3, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    /** The address as stored: never the account's key, and within the column. */
    private static String key(String client) {
        String address = client == null || client.isEmpty() || client.equals(ACCOUNT) ? "unknown" : client;
        return address.length() <= MAX_CLIENT_LENGTH ? address : address.substring(0, MAX_CLIENT_LENGTH);
    }
}
