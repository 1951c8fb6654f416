package nl.wur.cip.helpdesk.insight;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.wur.cip.helpdesk.answer.Outcome;
import nl.wur.cip.helpdesk.escalation.EscalationStatus;
import nl.wur.cip.helpdesk.escalation.EscalationStore;
import nl.wur.cip.helpdesk.feedback.FeedbackStore;
import nl.wur.cip.helpdesk.knowledge.Language;

/**
 * The counts of the insight page over a period: questions per day by outcome and by language (from the answer
 * records), the share of thumbs up (feedback), and the escalations by status with the time until they were handled.
 * Days are UTC days, so every instance and the CSV agree whatever their time zone.
 */
public final class Insights {
    private final AnswerRecordStore records;
    private final FeedbackStore feedback;
    private final EscalationStore escalations;
    private final Clock clock;

    public Insights(AnswerRecordStore records, FeedbackStore feedback, EscalationStore escalations, Clock clock) {
        this.records = records;
        this.feedback = feedback;
        this.escalations = escalations;
        this.clock = clock;
    }

    /** One UTC day's answers: by outcome code and by language code, every code present. */
    public record Day(LocalDate day, Map<String, Long> outcomes, Map<String, Long> languages, long total) {}

    /** Thumbs up and down in the period; {@code shareUp} is empty without any feedback. */
    public record Thumbs(long up, long down, Optional<Double> shareUp) {}

    /**
     * The escalations that came in during the period, by status code, and for those handled the hours from arrival
     * to handled (median and 90th percentile; empty when none was handled).
     */
    public record Escalations(
            Map<String, Long> byStatus,
            long handled,
            Optional<Double> hoursToHandledMedian,
            Optional<Double> hoursToHandledP90) {}

    /** Everything of the page but the gaps. */
    public record Report(
            LocalDate from,
            LocalDate to,
            int days,
            Map<String, Long> outcomes,
            Map<String, Long> languages,
            long total,
            List<Day> perDay,
            Thumbs thumbs,
            Escalations escalations) {}

    /** The last {@code days} UTC days, today included. */
    public Report report(int days) {
        LocalDate last = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = last.minusDays(days - 1L);
        Instant from = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<LocalDate, long[]> byDay = new LinkedHashMap<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            byDay.put(d, new long[Outcome.values().length + Language.values().length]);
        }
        records.forEach(from, to, r -> {
            long[] counts = byDay.get(LocalDate.ofInstant(r.answeredAt(), ZoneOffset.UTC));
            Outcome.fromCode(r.outcome()).ifPresent(o -> counts[o.ordinal()]++);
            Language.fromCode(r.language()).ifPresent(l -> counts[Outcome.values().length + l.ordinal()]++);
        });
        List<Day> perDay = new ArrayList<>();
        long[] sums = new long[Outcome.values().length + Language.values().length];
        byDay.forEach((day, counts) -> {
            perDay.add(new Day(
                    day,
                    outcomes(counts),
                    languages(counts),
                    Arrays.stream(counts, 0, Outcome.values().length).sum()));
            for (int i = 0; i < counts.length; i++) {
                sums[i] += counts[i];
            }
        });
        Map<String, Long> ratings = feedback.ratingCounts(from, to);
        long up = ratings.getOrDefault("up", 0L);
        long down = ratings.getOrDefault("down", 0L);
        Thumbs thumbs = new Thumbs(
                up,
                down,
                up + down == 0 ? Optional.empty() : Optional.of(Math.round(1000.0 * up / (up + down)) / 1000.0));
        return new Report(
                first,
                last,
                days,
                outcomes(sums),
                languages(sums),
                Arrays.stream(sums, 0, Outcome.values().length).sum(),
                perDay,
                thumbs,
                escalations(from, to));
    }

    private Escalations escalations(Instant from, Instant to) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (EscalationStatus status : EscalationStatus.values()) {
            byStatus.put(status.code(), 0L);
        }
        List<Double> hours = new ArrayList<>();
        for (EscalationStore.Timing t : escalations.timings(from, to)) {
            byStatus.merge(t.status().code(), 1L, Long::sum);
            t.handledAt()
                    .ifPresent(h -> hours.add(Duration.between(t.createdAt(), h).toMinutes() / 60.0));
        }
        hours.sort(Double::compare);
        return new Escalations(byStatus, hours.size(), quantile(hours, 0.5), quantile(hours, 0.9));
    }

    /** The nearest-rank quantile, to a tenth of an hour. */
    static Optional<Double> quantile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        double value = sorted.get(Math.max(0, (int) Math.ceil(q * sorted.size()) - 1));
        return Optional.of(Math.round(value * 10) / 10.0);
    }

    private static Map<String, Long> outcomes(long[] counts) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            map.put(o.code(), counts[o.ordinal()]);
        }
        return map;
    }

    private static Map<String, Long> languages(long[] counts) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (Language l : Language.values()) {
            map.put(l.code(), counts[Outcome.values().length + l.ordinal()]);
        }
        return map;
    }

    /** The per-day counts as CSV (RFC 4180, a header row, one row per day), for a spreadsheet. */
    public static String csv(Report report) {
        StringBuilder out = new StringBuilder("day");
        for (Outcome o : Outcome.values()) {
            out.append(',').append(o.code());
        }
        for (Language l : Language.values()) {
            out.append(',').append(l.code());
        }
        out.append(",total\r\n");
        for (Day day : report.perDay()) {
            out.append(day.day());
            day.outcomes().values().forEach(v -> out.append(',').append(v));
            day.languages().values().forEach(v -> out.append(',').append(v));
            out.append(',').append(day.total()).append("\r\n");
        }
        return out.toString();
    }
}
