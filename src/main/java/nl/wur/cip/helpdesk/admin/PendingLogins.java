package nl.wur.cip.helpdesk.admin;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import nl.wur.cip.helpdesk.storage.Database;
import nl.wur.cip.helpdesk.storage.StorageException;

/**
 * OpenID Connect sign-ins under way, in the database so the provider may send the browser back to any instance. The
 * browser holds a random id in a cookie (the table keeps its SHA-256); each row is taken once, so a callback cannot be
 * replayed, and a sign-in not finished within its time is forgotten.
 */
final class PendingLogins {
    private static final int MAX_PENDING = 10_000;

    /** What the callback must match (state, nonce) and the PKCE verifier that goes with the code. */
    record Pending(String state, String nonce, String codeVerifier) {}

    private final Database database;
    private final Clock clock;
    private final Duration length;
    private final SecureRandom random;

    PendingLogins(Database database, Clock clock, Duration length, SecureRandom random) {
        this.database = database;
        this.clock = clock;
        this.length = length;
        this.random = random;
    }

    /** Stores a sign-in: the id for the browser's cookie. */
    String start(Pending pending) {
        String id = Tokens.random(random);
        Instant now = clock.instant();
        try {
            database.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM admin_login WHERE expires_at < ?")) {
                    s.setTimestamp(1, Timestamp.from(now));
                    s.executeUpdate();
                }
                if (count(c) >= MAX_PENDING) { // someone starting sign-ins in a loop: those under way start again
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("DELETE FROM admin_login");
                    }
                }
                try (PreparedStatement s =
                        c.prepareStatement("INSERT INTO admin_login (id_hash, state, nonce, code_verifier,"
                                + " expires_at) VALUES (?, ?, ?, ?, ?)")) {
                    s.setString(1, Tokens.hash(id));
                    s.setString(2, pending.state());
                    s.setString(3, pending.nonce());
                    s.setString(4, pending.codeVerifier());
                    s.setTimestamp(5, Timestamp.from(now.plus(length)));
                    s.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new StorageException("cannot store the sign-in", e);
        }
        return id;
    }

    /** The sign-in this cookie started, removed so it is used once; empty if unknown or too old. */
    Optional<Pending> take(String id) {
        Instant now = clock.instant();
        try {
            return database.inTransaction(c -> {
                Optional<Pending> found = Optional.empty();
                try (PreparedStatement s = c.prepareStatement("SELECT state, nonce, code_verifier FROM admin_login"
                        + " WHERE id_hash = ? AND expires_at > ? FOR UPDATE")) {
                    s.setString(1, Tokens.hash(id));
                    s.setTimestamp(2, Timestamp.from(now));
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            found = Optional.of(new Pending(rs.getString(1), rs.getString(2), rs.getString(3)));
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement("DELETE FROM admin_login WHERE id_hash = ?")) {
                    s.setString(1, Tokens.hash(id));
                    // Two callbacks with the same cookie: only the one that deletes the row may go on.
                    return s.executeUpdate() == 1 ? found : Optional.<Pending>empty();
                }
            });
        } catch (SQLException e) {
            throw new StorageException("cannot read the sign-in", e);
        }
    }

    private static int count(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM admin_login")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
