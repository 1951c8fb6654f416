package nl.wur.cip.helpdesk.escalation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.storage.Database;
import nl.wur.cip.helpdesk.storage.StorageException;

/**
 * The escalations and their outbox in the database. An escalation and its mails are written in one transaction,
 * so once {@link #submit} returns, nothing is lost; a mail is marked sent only after the SMTP server took it.
 */
public final class EscalationStore {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final TypeReference<List<EscalationRequest.TranscriptEntry>> TRANSCRIPT = new TypeReference<>() {};

    private final Database database;
    private final ObjectMapper mapper = new ObjectMapper();

    public EscalationStore(Database database) {
        this.database = database;
    }

    /** The outcome of a submission: its ticket, and whether it repeats an earlier one with the same key. */
    public record Submission(String ticket, boolean repeated) {}

    /** A mail the delivery worker has claimed for one attempt. */
    public record Claim(long deliveryId, long escalationId, MailKind kind, String messageId, int attempts) {}

    /** Thrown when an idempotency key is reused for a different request. */
    public static final class KeyReusedException extends RuntimeException {
        KeyReusedException() {
            super("this Idempotency-Key was already used for a different request");
        }
    }

    public Submission submit(
            String idempotencyKey,
            EscalationRequest request,
            Optional<String> assessment,
            Instant now,
            String messageIdDomain) {
        String fingerprint = request.fingerprint();
        Optional<Submission> earlier = earlier(idempotencyKey, fingerprint);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            return new Submission(
                    database.inTransaction(
                            c -> insert(c, idempotencyKey, fingerprint, request, assessment, now, messageIdDomain)),
                    false);
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                // Two requests with one key raced; the other one won.
                return earlier(idempotencyKey, fingerprint).orElseThrow(() -> storeFailure(e));
            }
            throw storeFailure(e);
        }
    }

    private Optional<Submission> earlier(String idempotencyKey, String fingerprint) {
        try (Connection c = database.connection();
                PreparedStatement s =
                        c.prepareStatement("SELECT ticket, request_hash FROM escalation WHERE idempotency_key = ?")) {
            s.setString(1, idempotencyKey);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                if (!rs.getString(2).equals(fingerprint)) {
                    throw new KeyReusedException();
                }
                return Optional.of(new Submission(rs.getString(1), true));
            }
        } catch (SQLException e) {
            throw storeFailure(e);
        }
    }

    private String insert(
            Connection c,
            String key,
            String fingerprint,
            EscalationRequest r,
            Optional<String> assessment,
            Instant now,
            String domain)
            throws SQLException {
        long id;
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO escalation (idempotency_key, request_hash, created_at, origin,"
                        + " language, email, name, question, transcript, assessment_id, assessment, quote_consent)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, key);
            s.setString(2, fingerprint);
            s.setTimestamp(3, Timestamp.from(now));
            s.setString(4, r.origin());
            s.setString(5, r.language().code());
            s.setString(6, r.email());
            s.setString(7, r.name().orElse(null));
            s.setString(8, r.question());
            s.setString(9, r.transcript().isEmpty() ? null : json(r.transcript()));
            s.setString(10, r.assessmentId().orElse(null));
            s.setString(11, assessment.orElse(null));
            s.setBoolean(12, r.quoteConsent());
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        String ticket = String.format("CIP-%d-%06d", now.atZone(ZoneOffset.UTC).getYear(), id);
        try (PreparedStatement s = c.prepareStatement("UPDATE escalation SET ticket = ? WHERE id = ?")) {
            s.setString(1, ticket);
            s.setLong(2, id);
            s.executeUpdate();
        }
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO outbox (escalation_id, kind, message_id, status, attempts,"
                        + " next_attempt_at) VALUES (?, ?, ?, 'queued', 0, ?)")) {
            for (MailKind kind : MailKind.values()) {
                s.setLong(1, id);
                s.setString(2, kind.code());
                s.setString(3, messageId(ticket, kind, domain));
                s.setTimestamp(4, Timestamp.from(now));
                s.addBatch();
            }
            s.executeBatch();
        }
        return ticket;
    }

    /** The Message-ID follows from the ticket, so a mail sent twice after a crash is recognisably the same mail. */
    static String messageId(String ticket, MailKind kind, String domain) {
        return "<" + ticket + "." + kind.code() + "@" + domain + ">";
    }

    public Optional<Escalation> findByTicket(String ticket) {
        return query("WHERE e.ticket = ?", List.of(ticket), 1).stream().findFirst();
    }

    Optional<Escalation> find(long id) {
        return query("WHERE e.id = ?", List.of(id), 1).stream().findFirst();
    }

    /** The newest escalations first, optionally only those with one status (queued, sent, failed, handled). */
    public List<Escalation> latest(Optional<EscalationStatus> status, int limit) {
        List<Escalation> all = query("", List.of(), status.isPresent() ? Math.max(limit * 10, 1000) : limit);
        return all.stream()
                .filter(e -> status.map(e.status()::equals).orElse(true))
                .limit(limit)
                .toList();
    }

    private List<Escalation> query(String where, List<Object> params, int limit) {
        String sql =
                "SELECT e.id, e.ticket, e.created_at, e.origin, e.language, e.email, e.name, e.question, e.transcript,"
                        + " e.assessment_id, e.assessment, e.quote_consent, e.handled_at, e.purged_at FROM escalation e "
                        + where
                        + " ORDER BY e.id DESC FETCH FIRST " + limit + " ROWS ONLY";
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            Map<Long, Escalation> found = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    found.put(
                            id,
                            new Escalation(
                                    id,
                                    rs.getString(2),
                                    rs.getTimestamp(3).toInstant(),
                                    rs.getString(4),
                                    Language.fromCode(rs.getString(5)).orElse(Language.EN),
                                    Optional.ofNullable(rs.getString(6)),
                                    Optional.ofNullable(rs.getString(7)),
                                    Optional.ofNullable(rs.getString(8)),
                                    transcript(rs.getString(9)),
                                    Optional.ofNullable(rs.getString(10)),
                                    Optional.ofNullable(rs.getString(11)),
                                    rs.getBoolean(12),
                                    instant(rs.getTimestamp(13)),
                                    instant(rs.getTimestamp(14)),
                                    List.of()));
                }
            }
            return withDeliveries(c, found);
        } catch (SQLException e) {
            throw storeFailure(e);
        }
    }

    private List<Escalation> withDeliveries(Connection c, Map<Long, Escalation> escalations) throws SQLException {
        if (escalations.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Escalation.Delivery>> deliveries = new LinkedHashMap<>();
        String ids = String.join(
                ",", escalations.keySet().stream().map(String::valueOf).toList());
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT id, escalation_id, kind, message_id, status, attempts, next_attempt_at,"
                                + " last_error, sent_at FROM outbox WHERE escalation_id IN (" + ids
                                + ") ORDER BY id")) {
            while (rs.next()) {
                deliveries
                        .computeIfAbsent(rs.getLong(2), k -> new ArrayList<>())
                        .add(new Escalation.Delivery(
                                rs.getLong(1),
                                MailKind.of(rs.getString(3)),
                                rs.getString(4),
                                DeliveryStatus.of(rs.getString(5)),
                                rs.getInt(6),
                                rs.getTimestamp(7).toInstant(),
                                Optional.ofNullable(rs.getString(8)),
                                instant(rs.getTimestamp(9))));
            }
        }
        List<Escalation> result = new ArrayList<>();
        for (Escalation e : escalations.values()) {
            result.add(new Escalation(
                    e.id(),
                    e.ticket(),
                    e.createdAt(),
                    e.origin(),
                    e.language(),
                    e.email(),
                    e.name(),
                    e.question(),
                    e.transcript(),
                    e.assessmentId(),
                    e.assessment(),
                    e.quoteConsent(),
                    e.handledAt(),
                    e.purgedAt(),
                    List.copyOf(deliveries.getOrDefault(e.id(), List.of()))));
        }
        return result;
    }

    /**
     * Claims the next due mail for one attempt by moving its due time past a lease: a worker that dies mid-send
     * (an instance killed with SIGKILL) leaves the mail due again once the lease ends, and two workers, on one
     * instance or on several sharing the database, never claim the same mail.
     *
     * <p>The claim is a compare-and-set: {@code UPDATE … WHERE id = ? AND status = 'queued' AND next_attempt_at = ?}
     * with the due time just read, and only an update count of 1 wins. When two instances race, the database makes
     * the second update wait for the first and re-check its condition, which no longer holds, so it updates nothing
     * and that worker tries the next candidate. This was chosen over {@code SELECT … FOR UPDATE SKIP LOCKED} because
     * it needs no transaction held open across the SMTP conversation, works the same on H2 and PostgreSQL, and the
     * lease also covers the crash case, which a row lock would only cover while its connection lived. The lease is
     * measured on each instance's clock, so instances must keep their clocks in step (NTP) to well within the lease
     * (10 s plus three SMTP timeouts).
     */
    public Optional<Claim> claimNext(Instant now, Duration lease) {
        try (Connection c = database.connection()) {
            List<Object[]> candidates = new ArrayList<>();
            try (PreparedStatement s =
                    c.prepareStatement("SELECT id, escalation_id, kind, message_id, attempts, next_attempt_at"
                            + " FROM outbox WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id"
                            + " FETCH FIRST 5 ROWS ONLY")) {
                s.setTimestamp(1, Timestamp.from(now));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(new Object[] {
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getInt(5),
                            rs.getTimestamp(6)
                        });
                    }
                }
            }
            for (Object[] row : candidates) {
                try (PreparedStatement s = c.prepareStatement("UPDATE outbox SET next_attempt_at = ? WHERE id = ?"
                        + " AND status = 'queued' AND next_attempt_at = ?")) {
                    s.setTimestamp(1, Timestamp.from(now.plus(lease)));
                    s.setLong(2, (Long) row[0]);
                    s.setTimestamp(3, (Timestamp) row[5]);
                    if (s.executeUpdate() == 1) {
                        return Optional.of(new Claim(
                                (Long) row[0], (Long) row[1], MailKind.of((String) row[2]), (String) row[3], (Integer)
                                        row[4]));
                    }
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw storeFailure(e);
        }
    }

    public void markSent(long deliveryId, int attempts, Instant now) {
        update(
                "UPDATE outbox SET status = 'sent', attempts = ?, sent_at = ?, last_error = NULL WHERE id = ?",
                attempts,
                Timestamp.from(now),
                deliveryId);
    }

    public void scheduleRetry(long deliveryId, int attempts, Instant next, String error) {
        update(
                "UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
                attempts,
                Timestamp.from(next),
                clip(error),
                deliveryId);
    }

    public void markFailed(long deliveryId, int attempts, String error) {
        update(
                "UPDATE outbox SET status = 'failed', attempts = ?, last_error = ? WHERE id = ?",
                attempts,
                clip(error),
                deliveryId);
    }

    /** Puts the failed mails of an escalation back in the queue, due now; false if it has none. */
    public boolean retry(String ticket, Instant now) {
        return update(
                        "UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_at = ? WHERE status = 'failed'"
                                + " AND escalation_id = (SELECT id FROM escalation WHERE ticket = ?)",
                        Timestamp.from(now),
                        ticket)
                > 0;
    }

    public boolean markHandled(String ticket, Instant now) {
        return update(
                        "UPDATE escalation SET handled_at = ? WHERE ticket = ? AND handled_at IS NULL",
                        Timestamp.from(now),
                        ticket)
                > 0;
    }

    /**
     * Deletes the personal data of escalations handled before {@code cutoff}: address, name, question, transcript and
     * assessment. The ticket, dates and delivery record stay, so the office's counts still add up.
     */
    public int purgeHandledBefore(Instant cutoff, Instant now) {
        return purge("handled_at < ?", Timestamp.from(cutoff), now);
    }

    /** Deletes the personal data of every escalation from one address (a researcher's request to be forgotten). */
    public int purgeByEmail(String email, Instant now) {
        return purge("LOWER(email) = LOWER(?)", email, now);
    }

    /** The escalations sent from one address, newest first: what the helpdesk holds about that person. */
    public List<Escalation> byEmail(String email) {
        return query("WHERE LOWER(e.email) = LOWER(?)", List.of(email), 1000);
    }

    private int purge(String condition, Object param, Instant now) {
        try {
            return database.inTransaction(c -> {
                try (PreparedStatement s =
                        c.prepareStatement("UPDATE outbox SET status = 'cancelled', last_error = 'personal"
                                + " data deleted' WHERE status = 'queued' AND escalation_id IN (SELECT id FROM escalation"
                                + " WHERE " + condition + " AND purged_at IS NULL)")) {
                    s.setObject(1, param);
                    s.executeUpdate();
                }
                try (PreparedStatement s =
                        c.prepareStatement("UPDATE escalation SET email = NULL, name = NULL, question = NULL,"
                                + " transcript = NULL, assessment = NULL, assessment_id = NULL, purged_at = ?"
                                + " WHERE " + condition + " AND purged_at IS NULL")) {
                    s.setTimestamp(1, Timestamp.from(now));
                    s.setObject(2, param);
                    return s.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw storeFailure(e);
        }
    }

    /** When one escalation came in, where it stands and when it was handled: what the insight page counts, no personal data. */
    public record Timing(Instant createdAt, EscalationStatus status, Optional<Instant> handledAt) {}

    /** The escalations that came in during {@code [from, to)}, oldest first. */
    public List<Timing> timings(Instant from, Instant to) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("SELECT e.created_at, e.handled_at, o.status FROM escalation e"
                        + " LEFT JOIN outbox o ON o.escalation_id = e.id AND o.kind = ? WHERE e.created_at >= ?"
                        + " AND e.created_at < ? ORDER BY e.id")) {
            s.setString(1, MailKind.OFFICE.code());
            s.setTimestamp(2, Timestamp.from(from));
            s.setTimestamp(3, Timestamp.from(to));
            List<Timing> timings = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Optional<Instant> handled = instant(rs.getTimestamp(2));
                    EscalationStatus status = handled.isPresent()
                            ? EscalationStatus.HANDLED
                            : rs.getString(3) == null
                                    ? EscalationStatus.QUEUED
                                    : EscalationStatus.of(DeliveryStatus.of(rs.getString(3)));
                    timings.add(new Timing(rs.getTimestamp(1).toInstant(), status, handled));
                }
            }
            return timings;
        } catch (SQLException e) {
            throw storeFailure(e);
        }
    }

    /** How many mails are in each delivery state, for monitoring. */
    public Map<String, Long> deliveryCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (DeliveryStatus status : DeliveryStatus.values()) {
            counts.put(status.code(), 0L);
        }
        try (Connection c = database.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT status, COUNT(*) FROM outbox GROUP BY status")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
            return counts;
        } catch (SQLException e) {
            throw storeFailure(e);
        }
    }

    private int update(String sql, Object... params) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw storeFailure(e);
        }
    }

    private String json(List<EscalationRequest.TranscriptEntry> transcript) {
        try {
            return mapper.writeValueAsString(transcript);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<EscalationRequest.TranscriptEntry> transcript(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return mapper.readValue(json, TRANSCRIPT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored transcript is not valid JSON", e);
        }
    }

    private static Optional<Instant> instant(Timestamp t) {
        return Optional.ofNullable(t).map(Timestamp::toInstant);
    }

    private static String clip(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    private static StorageException storeFailure(SQLException e) {
        return new StorageException("escalation store", e);
    }
}
