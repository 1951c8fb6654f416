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
 * Admin sessions in the database, so a session made on one instance is valid on every other and a logout on any
 * instance ends it everywhere at once (which signed stateless tokens could not do before they expire). The token is
 * 32 random bytes; the table keeps only its SHA-256, with who signed in and their role.
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

    /** A new session for this person: its token, for the cookie. */
    String create(AdminIdentity who) {
        String token = Tokens.random(random);
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
                try (PreparedStatement s = c.prepareStatement("INSERT INTO admin_session (token_hash, expires_at,"
                        + " admin_name, admin_account, role) VALUES (?, ?, ?, ?, ?)")) {
                    s.setString(1, Tokens.hash(token));
                    s.setTimestamp(2, Timestamp.from(now.plus(length)));
                    s.setString(3, who.name());
                    s.setString(4, who.account());
                    s.setString(5, who.role().code());
                    s.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new StorageException("cannot store the admin session", e);
        }
        return token;
    }

    /** Who holds this live session; empty when it is unknown, ended or expired. */
    Optional<AdminIdentity> find(String token) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("SELECT admin_name, admin_account, role FROM admin_session"
                        + " WHERE token_hash = ? AND expires_at > ?")) {
            s.setString(1, Tokens.hash(token));
            s.setTimestamp(2, Timestamp.from(clock.instant()));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                // An unknown role (written by a newer version) reads as the lesser one.
                return Optional.of(new AdminIdentity(
                        rs.getString(1),
                        rs.getString(2),
                        Role.fromCode(rs.getString(3)).orElse(Role.VIEWER)));
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the admin sessions", e);
        }
    }

    void end(String token) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("DELETE FROM admin_session WHERE token_hash = ?")) {
            s.setString(1, Tokens.hash(token));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot end the admin session", e);
        }
    }

    private static int count(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM admin_session")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
