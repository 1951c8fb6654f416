package nl.wur.cip.helpdesk.feedback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.wur.cip.helpdesk.storage.Database;
import nl.wur.cip.helpdesk.storage.StorageException;

/**
 * The questions the helpdesk did not answer itself (sent to the office or judged off topic), so the office can see
 * what the knowledge lacks. E-mail addresses and long numbers are removed before anything is stored.
 */
public final class UnansweredLog {

    private final Database database;

    public UnansweredLog(Database database) {
        this.database = database;
    }

    /** One logged question. */
    public record Entry(
            Instant askedAt, String language, String outcome, double confidence, String source, String question) {}

    public void record(Entry entry) {
        try (Connection c = database.connection();
                PreparedStatement s =
                        c.prepareStatement("INSERT INTO unanswered (asked_at, language, outcome, confidence, source,"
                                + " question) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setTimestamp(1, Timestamp.from(entry.askedAt()));
            s.setString(2, entry.language());
            s.setString(3, entry.outcome());
            s.setDouble(4, entry.confidence());
            s.setString(5, clip(entry.source(), 100));
            s.setString(6, clip(PersonalData.scrub(entry.question()), 2000));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot log the unanswered question", e);
        }
    }

    /** The newest first. */
    public List<Entry> latest(int limit) {
        try (Connection c = database.connection();
                PreparedStatement s =
                        c.prepareStatement("SELECT asked_at, language, outcome, confidence, source, question"
                                + " FROM unanswered ORDER BY id DESC FETCH FIRST ? ROWS ONLY")) {
            s.setInt(1, limit);
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(
                            rs.getTimestamp(1).toInstant(),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getDouble(4),
                            rs.getString(5),
                            rs.getString(6)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new StorageException("cannot read unanswered questions", e);
        }
    }

    /** The questions logged in {@code [from, to)}, the newest {@code limit} of them, oldest first. */
    public List<Entry> between(Instant from, Instant to, int limit) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT asked_at, language, outcome, confidence, source, question"
                                + " FROM unanswered WHERE asked_at >= ? AND asked_at < ? ORDER BY id DESC FETCH FIRST ? ROWS ONLY")) {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(to));
            s.setInt(3, limit);
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(
                            rs.getTimestamp(1).toInstant(),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getDouble(4),
                            rs.getString(5),
                            rs.getString(6)));
                }
            }
            java.util.Collections.reverse(entries);
            return entries;
        } catch (SQLException e) {
            throw new StorageException("cannot read unanswered questions", e);
        }
    }

    /** Deletes the questions logged before {@code cutoff}; returns how many. */
    public int deleteBefore(Instant cutoff) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("DELETE FROM unanswered WHERE asked_at < ?")) {
            s.setTimestamp(1, Timestamp.from(cutoff));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot delete old unanswered questions", e);
        }
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
