package nl.wur.cip.helpdesk.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.wur.cip.helpdesk.ops.Metrics;
import nl.wur.cip.helpdesk.storage.Database;
import org.junit.jupiter.api.Test;

/** The recorder writes on its own thread in batches, and a database that is gone costs counts, never a wait. */
class AnswerRecorderTest {
    private static final Instant AT = Instant.parse("2026-12-01T09:30:00Z");

    private static Database database() {
        return Database.open("jdbc:h2:mem:records-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    private static AnswerRecord record(int i) {
        return new AnswerRecord(
                AT.plusSeconds(i),
                i % 3 == 0 ? "escalate" : "answered",
                i % 2 == 0 ? "en" : "nl",
                0.5,
                i % 3 == 0 ? Optional.empty() : Optional.of("faq-retention"));
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }

    @Test
    void everyRecordIsStoredByTheWriterThreadNotTheCaller() throws Exception {
        try (Database db = database()) {
            AnswerRecordStore store = new AnswerRecordStore(db);
            try (AnswerRecorder recorder = new AnswerRecorder(store, AnswerRecorder.DEFAULT_QUEUE)) {
                for (int i = 0; i < 1200; i++) {
                    recorder.record(record(i));
                }
                waitFor(() -> recorder.written() == 1200);
                assertEquals(1200, recorder.written());
                assertEquals(0, recorder.dropped());
            }
            List<AnswerRecord> read = new ArrayList<>();
            store.forEach(AT, AT.plusSeconds(2000), read::add);
            assertEquals(1200, read.size());
            assertEquals(record(3), read.get(3), "stored as given, the card too");
            assertEquals(record(4), read.get(4));
        }
    }

    @Test
    void closingWritesWhatIsStillQueued() throws Exception {
        try (Database db = database()) {
            AnswerRecordStore store = new AnswerRecordStore(db);
            AnswerRecorder recorder = new AnswerRecorder(store, AnswerRecorder.DEFAULT_QUEUE);
            for (int i = 0; i < 300; i++) {
                recorder.record(record(i));
            }
            recorder.close();
            List<AnswerRecord> read = new ArrayList<>();
            store.forEach(AT, AT.plusSeconds(2000), read::add);
            assertEquals(300, read.size());
            recorder.record(record(301));
            assertEquals(1, recorder.dropped(), "after closing, a record is counted as dropped, not queued for ever");
        }
    }

    @Test
    void aDatabaseThatIsGoneNeverBlocksTheCallerAndEveryLostRecordIsCountedOnMetrics() throws Exception {
        Database db = database();
        db.close(); // every write now fails
        try (AnswerRecorder recorder = new AnswerRecorder(new AnswerRecordStore(db), 100);
                Metrics metrics = new Metrics(Map::of)) {
            metrics.countAnswerRecordsDropped(recorder::dropped);
            long t0 = System.nanoTime();
            for (int i = 0; i < 5000; i++) {
                recorder.record(record(i));
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(
                    millis < 500, "5,000 records offered in " + millis + " ms: the caller never waits on the database");
            waitFor(() -> recorder.dropped() == 5000);
            assertEquals(5000, recorder.dropped(), "a full queue and failed batches are both counted");
            assertEquals(0, recorder.written());
            assertTrue(metrics.render().contains("helpdesk_answer_records_dropped_total 5000.0"), metrics.render());
        }
    }

    @Test
    void theRecordNamesTheCardThatAnsweredButNotTheClosestTopicOfAnEscalation() {
        assertEquals(
                Optional.of("faq-retention"),
                AnswerRecord.of(answer("context card:faq-retention card:faq-mine-text"), AT)
                        .cardId());
        assertEquals(
                Optional.empty(),
                AnswerRecord.of(answer("intent:unsure closest:faq-retention"), AT)
                        .cardId());
        assertEquals(
                Optional.empty(), AnswerRecord.of(answer("llm:gpt-4o-mini"), AT).cardId());
    }

    private static nl.wur.cip.helpdesk.answer.Answer answer(String source) {
        return new nl.wur.cip.helpdesk.answer.Answer(
                "text",
                nl.wur.cip.helpdesk.answer.Outcome.ANSWERED,
                nl.wur.cip.helpdesk.knowledge.Language.EN,
                0.9,
                0.7,
                List.of(),
                null,
                List.of(),
                "disclaimer",
                source);
    }
}
