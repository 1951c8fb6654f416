package nl.wur.cip.helpdesk.checklist;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import nl.wur.cip.helpdesk.storage.Database;
import nl.wur.cip.helpdesk.storage.StorageException;

/** Keeps completed assessments so a researcher can come back to their record by its id. */
public final class AssessmentStore {
    /** A stored assessment: the answers given and the result as the API returned it (JSON). */
    public record Stored(
            String id,
            Instant createdAt,
            String checklistVersion,
            String language,
            String answersJson,
            String resultJson) {}

    /** A record made again within this time is left as it is: retention counts in days, and each rewrite costs disk. */
    static final Duration REFRESH_AFTER = Duration.ofDays(1);

    private final Database database;

    public AssessmentStore(Database database) {
        this.database = database;
    }

    /**
     * Stores an assessment, replacing the one of the same id: the id names the answers, so answering alike again
     * refreshes one row instead of adding another (the table cannot grow past the checklist's distinct answer sets).
     * A row made in the last day is not written again at all: the embedded database keeps the old copy of a rewritten
     * row for a while, so 1,000 alike posts rewriting a 20 KB row had grown its files by 56 MB.
     */
    public void save(Stored a) {
        try (Connection c = database.connection()) {
            Optional<Instant> made = createdAt(c, a.id());
            if (made.isPresent()) {
                if (made.get().isBefore(a.createdAt().minus(REFRESH_AFTER))) {
                    update(c, a);
                }
                return;
            }
            try {
                insert(c, a);
            } catch (SQLException raced) {
                if (createdAt(c, a.id()).isEmpty()) { // not another request storing the same answers: a real failure
                    throw raced;
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot store the assessment", e);
        }
    }

    private static Optional<Instant> createdAt(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT created_at FROM assessment WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        }
    }

    private static void update(Connection c, Stored a) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE assessment SET created_at = ?, checklist_version = ?,"
                + " language = ?, answers = ?, result = ? WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.from(a.createdAt()));
            s.setString(2, a.checklistVersion());
            s.setString(3, a.language());
            s.setString(4, a.answersJson());
            s.setString(5, a.resultJson());
            s.setString(6, a.id());
            s.executeUpdate();
        }
    }

    private static void insert(Connection c, Stored a) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO assessment (id, created_at, checklist_version, language,"
                        + " answers, result) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, a.id());
            s.setTimestamp(2, Timestamp.from(a.createdAt()));
            s.setString(3, a.checklistVersion());
            s.setString(4, a.language());
            s.setString(5, a.answersJson());
            s.setString(6, a.resultJson());
            s.executeUpdate();
        }
    }

    /** Deletes the assessments last made before {@code cutoff}; returns how many. */
    public int deleteBefore(Instant cutoff) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("DELETE FROM assessment WHERE created_at < ?")) {
            s.setTimestamp(1, Timestamp.from(cutoff));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot delete old assessments", e);
        }
    }

    /** How many assessments are stored. */
    public int count() {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM assessment");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new StorageException("cannot count the assessments", e);
        }
    }

    public Optional<Stored> find(String id) {
        try (Connection c = database.connection();
                PreparedStatement s =
                        c.prepareStatement("SELECT id, created_at, checklist_version, language, answers, result"
                                + " FROM assessment WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Stored(
                        rs.getString(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)));
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the assessment", e);
        }
    }
}
