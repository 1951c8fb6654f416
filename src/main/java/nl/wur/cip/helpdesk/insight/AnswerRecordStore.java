package nl.wur.cip.helpdesk.insight;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import nl.wur.cip.helpdesk.storage.Database;
import nl.wur.cip.helpdesk.storage.StorageException;

/** The {@code answer_record} table: written in batches by the {@link AnswerRecorder}, read by the {@link Insights}. */
public final class AnswerRecordStore {
    private final Database database;

    public AnswerRecordStore(Database database) {
        this.database = database;
    }

    /** Stores the records in one transaction: a batch is one commit, one flush to disk, however many answers it holds. */
    public void insert(List<AnswerRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            database.inTransaction(c -> {
                try (PreparedStatement s =
                        c.prepareStatement("INSERT INTO answer_record (answered_at, outcome, language,"
                                + " confidence, card_id) VALUES (?, ?, ?, ?, ?)")) {
                    for (AnswerRecord r : records) {
                        s.setTimestamp(1, Timestamp.from(r.answeredAt()));
                        s.setString(2, r.outcome());
                        s.setString(3, r.language());
                        s.setDouble(4, r.confidence());
                        if (r.cardId().isPresent()) {
                            s.setString(5, r.cardId().get());
                        } else {
                            s.setNull(5, Types.VARCHAR);
                        }
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new StorageException("cannot store answer records", e);
        }
    }

    /** Hands every record answered in {@code [from, to)} to {@code each}, oldest first, without holding them all. */
    public void forEach(Instant from, Instant to, Consumer<AnswerRecord> each) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("SELECT answered_at, outcome, language, confidence, card_id"
                        + " FROM answer_record WHERE answered_at >= ? AND answered_at < ? ORDER BY answered_at, id")) {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(to));
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    each.accept(new AnswerRecord(
                            rs.getTimestamp(1).toInstant(),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getDouble(4),
                            Optional.ofNullable(rs.getString(5))));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read answer records", e);
        }
    }
}
