package nl.wur.cip.helpdesk.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import nl.wur.cip.helpdesk.MutableClock;
import nl.wur.cip.helpdesk.checklist.AssessmentStore;
import nl.wur.cip.helpdesk.feedback.Feedback;
import nl.wur.cip.helpdesk.feedback.FeedbackStore;
import nl.wur.cip.helpdesk.feedback.UnansweredLog;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.storage.Database;
import nl.wur.cip.helpdesk.storage.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Retention deletes personal data of handled escalations after the configured period, and nothing else. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabases.Kind.class)
@ExtendWith(TestDatabases.class)
class RetentionJobTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-10T09:00:00Z"));
    private Database database;
    private EscalationStore store;
    private UnansweredLog unanswered;
    private FeedbackStore feedback;
    private AssessmentStore assessments;
    private RetentionJob job;

    @Parameter
    TestDatabases.Kind kind;

    @BeforeEach
    void open(TestDatabases databases) {
        database = databases.open(kind);
        store = new EscalationStore(database);
        unanswered = new UnansweredLog(database);
        feedback = new FeedbackStore(database);
        assessments = new AssessmentStore(database);
        job = new RetentionJob(store, unanswered, feedback, assessments, Duration.ofDays(180), clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private String submit(String key) {
        return store.submit(
                        key,
                        new EscalationRequest(
                                "ada@example.org",
                                Optional.of("Ada"),
                                "May I mine this corpus?",
                                List.of(new EscalationRequest.TranscriptEntry("user", "hello")),
                                Optional.empty(),
                                false,
                                Language.EN,
                                "chat"),
                        Optional.of("assessment"),
                        clock.instant(),
                        "cip.test")
                .ticket();
    }

    @Test
    void deletesThePersonalDataOfEscalationsHandledLongerAgoThanTheRetentionPeriod() {
        String handled = submit("key-handled-1");
        String open = submit("key-open-0001");
        store.markHandled(handled, clock.instant());

        clock.advance(Duration.ofDays(179));
        assertEquals(0, job.runOnce().escalationsPurged(), "not yet: 179 days");
        assertTrue(store.findByTicket(handled).orElseThrow().email().isPresent());

        clock.advance(Duration.ofDays(2));
        assertEquals(1, job.runOnce().escalationsPurged());
        Escalation purged = store.findByTicket(handled).orElseThrow();
        assertTrue(
                purged.email().isEmpty()
                        && purged.name().isEmpty()
                        && purged.question().isEmpty()
                        && purged.transcript().isEmpty()
                        && purged.assessment().isEmpty(),
                "all personal fields are gone");
        assertEquals("handled", purged.status().code(), "the ticket and its state stay");
        assertTrue(purged.purgedAt().isPresent());

        Escalation stillOpen = store.findByTicket(open).orElseThrow();
        assertEquals(Optional.of("ada@example.org"), stillOpen.email(), "an unhandled escalation is kept");
        assertEquals(0, job.runOnce().escalationsPurged(), "a second run finds nothing new");
    }

    @Test
    void deletesChecklistRecordsNotMadeAgainWithinTheRetentionPeriod() {
        assessments.save(new AssessmentStore.Stored("old-record-aaaaaaaaaaa", clock.instant(), "v1", "en", "{}", "{}"));
        clock.advance(Duration.ofDays(100));
        assessments.save(new AssessmentStore.Stored("new-record-aaaaaaaaaaa", clock.instant(), "v1", "en", "{}", "{}"));
        clock.advance(Duration.ofDays(81));
        assertEquals(1, job.runOnce().assessmentsDeleted());
        assertTrue(assessments.find("old-record-aaaaaaaaaaa").isEmpty());
        assertTrue(assessments.find("new-record-aaaaaaaaaaa").isPresent());
    }

    @Test
    void cancelsMailStillQueuedForAPurgedEscalation() {
        String ticket = submit("key-queued-01");
        store.markHandled(ticket, clock.instant());
        clock.advance(Duration.ofDays(181));
        job.runOnce();
        assertTrue(store.findByTicket(ticket).orElseThrow().deliveries().stream()
                .allMatch(d -> d.status() == DeliveryStatus.CANCELLED));
        assertTrue(store.claimNext(clock.instant(), Duration.ofMinutes(1)).isEmpty(), "nothing left to send");
    }

    @Test
    void deletesFeedbackOlderThanTheRetentionPeriodAndStoresItWithoutAddresses() {
        feedback.save(new Feedback(
                "old",
                clock.instant(),
                null,
                "Mail ada@example.org or call +31 317 48 00 00",
                "a",
                "answered",
                "down",
                "reach me at ada@example.org",
                "en"));
        clock.advance(Duration.ofDays(100));
        feedback.save(new Feedback("new", clock.instant(), null, "q", "a", "answered", "up", null, "en"));
        Feedback stored = feedback.latest(10).get(1);
        assertEquals("Mail [e-mail] or call [number]", stored.question());
        assertEquals("reach me at [e-mail]", stored.comment());
        clock.advance(Duration.ofDays(90));
        assertEquals(1, job.runOnce().feedbackDeleted());
        assertEquals(
                List.of("new"), feedback.latest(10).stream().map(Feedback::id).toList());
    }

    @Test
    void deletesLoggedUnansweredQuestionsOlderThanTheRetentionPeriod() {
        unanswered.record(new UnansweredLog.Entry(clock.instant(), "en", "escalate", 0.2, "rules", "old question"));
        clock.advance(Duration.ofDays(100));
        unanswered.record(new UnansweredLog.Entry(clock.instant(), "en", "off_topic", 0.1, "rules", "newer question"));
        clock.advance(Duration.ofDays(90));
        assertEquals(1, job.runOnce().questionsDeleted());
        assertEquals(
                List.of("newer question"),
                unanswered.latest(10).stream()
                        .map(UnansweredLog.Entry::question)
                        .toList());
    }
}
