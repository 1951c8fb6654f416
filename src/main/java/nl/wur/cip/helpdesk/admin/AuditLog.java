package nl.wur.cip.helpdesk.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.wur.cip.helpdesk.storage.Database;
import nl.wur.cip.helpdesk.storage.StorageException;

/**
 * The admin's audit list: who changed what, and when (retry, mark handled, export, erase, a saved card draft, a
 * knowledge reload, sign-in, sign-out). The
 * target is a ticket or a count of escalations; a researcher's address is never written here, so an erasure leaves
 * nothing of them behind.
 */
public final class AuditLog {
    private static final int MAX_TARGET = 1000;

    /** What was done. */
    public enum Action {
        LOGIN,
        LOGOUT,
        RETRY,
        HANDLED,
        EXPORT,
        ERASE,
        /** A card drafted from a content gap and saved in the drafts folder. */
        DRAFT,
        /** A knowledge reload, recorded when it ended, with how. */
        RELOAD;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One line of the list, as the API shows it. */
    public record Entry(Instant at, String name, String account, String role, String action, String target) {}

    private final Database database;
    private final Clock clock;

    public AuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public void record(AdminIdentity who, Action action, String target) {
        try (Connection c = database.connection();
                PreparedStatement s =
                        c.prepareStatement("INSERT INTO admin_audit (happened_at, actor_name, actor_account,"
                                + " actor_role, action, target) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setTimestamp(1, Timestamp.from(clock.instant()));
            s.setString(2, who.name());
            s.setString(3, who.account());
            s.setString(4, who.role().code());
            s.setString(5, action.code());
            s.setString(6, target.length() <= MAX_TARGET ? target : target.substring(0, MAX_TARGET));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot write the audit list", e);
        }
    }

    /** The most recent entries first. */
    public List<Entry> latest(int limit) {
        try (Connection c = database.connection();
                PreparedStatement s =
                        c.prepareStatement("SELECT happened_at, actor_name, actor_account, actor_role, action, target"
                                + " FROM admin_audit ORDER BY happened_at DESC, id DESC")) {
            s.setMaxRows(limit);
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(
                            rs.getTimestamp(1).toInstant(),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new StorageException("cannot read the audit list", e);
        }
    }
}
