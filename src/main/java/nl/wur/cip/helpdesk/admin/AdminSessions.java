package nl.wur.cip.helpdesk.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import java.util.Base64;
import java.util.HexFormat;
import nl.wur.cip.helpdesk.storage.Database;
import nl.wur.cip.helpdesk.storage.StorageException;

/**
 * Admin sessions in the database, so a session made on one instance is valid on every other and a logout on any
 * instance ends it everywhere at once (which signed stateless tokens could not do before they expire). The token is
 * 32 random bytes; the table keeps only its SHA-256.
 */
final class AdminSessions {
    private static final int MAX_SESSIONS = 1_000;

    private final Database database;
    private final Clock clock;
    private final Duration length;
    private final SecureRandom random;

    AdminSessions(Database database, Clock clock, Duration length, SecureRandom random) {
        this.database = database;
        this.clock = clock;
        this.length = length;
        this.random = random;
    }

    /** A new session: its token, for the cookie. */
    String create() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        try {
            database.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM admin_session WHERE expires_at < ?")) {
                    s.setTimestamp(1, Timestamp.from(now));
                    s.executeUpdate();
                }
                if (count(c) >= MAX_SESSIONS) { // someone logging in in a loop: everyone logs in again
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("DELETE FROM admin_session");
                    }
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO admin_session (token_hash, expires_at) VALUES (?, ?)")) {
                    s.setString(1, hash(token));
                    s.setTimestamp(2, Timestamp.from(now.plus(length)));
                    s.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new StorageException("cannot store the admin session", e);
        }
        return token;
    }

    boolean valid(String token) {
        try (Connection c = database.connection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM admin_session WHERE token_hash = ? AND expires_at > ?")) {
            s.setString(1, hash(token));
            s.setTimestamp(2, Timestamp.from(clock.instant()));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the admin sessions", e);
        }
    }

    void end(String token) {
        try (Connection c = database.connection();
             PreparedStatement s = c.prepareStatement("DELETE FROM admin_session WHERE token_hash = ?")) {
            s.setString(1, hash(token));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot end the admin session", e);
        }
    }

    private static int count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM admin_session")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
