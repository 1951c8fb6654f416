package nl.wur.cip.helpdesk.feedback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import nl.wur.cip.helpdesk.storage.Database;
import nl.wur.cip.helpdesk.storage.StorageException;

/**
 * Stores feedback in the database so the copyright office can see which answers helped; e-mail addresses and long
 * numbers are removed from the question and comment first, so the feedback holds no personal data.
 */
public final class FeedbackStore {
    private final Database database;

    public FeedbackStore(Database database) {
        this.database = database;
    }

    public void save(Feedback f) {
        try (Connection c = database.connection();
                PreparedStatement s =
                        c.prepareStatement("INSERT INTO feedback (id, created_at, conversation_id, question, answer,"
                                + " outcome, rating, comment, language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, f.id());
            s.setTimestamp(2, Timestamp.from(f.createdAt()));
            s.setString(3, f.conversationId());
            s.setString(4, PersonalData.scrub(f.question()));
            s.setString(5, f.answer());
            s.setString(6, f.outcome());
            s.setString(7, f.rating());
            s.setString(8, PersonalData.scrub(f.comment()));
            s.setString(9, f.language());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot store feedback", e);
        }
    }

    /** The newest feedback first. */
    public List<Feedback> latest(int limit) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT id, created_at, conversation_id, question, answer, outcome, rating,"
                                + " comment, language FROM feedback ORDER BY created_at DESC, id FETCH FIRST ? ROWS ONLY")) {
            s.setInt(1, limit);
            List<Feedback> list = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    list.add(new Feedback(
                            rs.getString(1),
                            rs.getTimestamp(2).toInstant(),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getString(9)));
                }
            }
            return list;
        } catch (SQLException e) {
            throw new StorageException("cannot read feedback", e);
        }
    }

    /** How many thumbs up and down were given in {@code [from, to)}: rating code to count, both always present. */
    public java.util.Map<String, Long> ratingCounts(java.time.Instant from, java.time.Instant to) {
        java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
        counts.put("up", 0L);
        counts.put("down", 0L);
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("SELECT rating, COUNT(*) FROM feedback WHERE created_at >= ?"
                        + " AND created_at < ? GROUP BY rating")) {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new StorageException("cannot count feedback", e);
        }
    }

    /** Deletes feedback given before {@code cutoff}; returns how many. */
    public int deleteBefore(java.time.Instant cutoff) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("DELETE FROM feedback WHERE created_at < ?")) {
            s.setTimestamp(1, Timestamp.from(cutoff));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot delete old feedback", e);
        }
    }
}
