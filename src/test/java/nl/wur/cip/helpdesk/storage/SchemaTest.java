package nl.wur.cip.helpdesk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import nl.wur.cip.helpdesk.feedback.Feedback;
import nl.wur.cip.helpdesk.feedback.FeedbackStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Flyway builds the same schema on H2 and on PostgreSQL, once, and a second instance's start changes nothing. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabases.Kind.class)
@ExtendWith(TestDatabases.class)
class SchemaTest {
    @Parameter
    TestDatabases.Kind kind;

    @Test
    void migratesAnEmptyDatabaseOnceAndASecondInstanceSeesItDone(TestDatabases databases) throws Exception {
        String url = databases.newUrl(kind);
        try (Database first = Database.open(url, TestDatabases.user(kind), "");
                Database second = Database.open(url, TestDatabases.user(kind), "")) {
            List<FlywayHistory.Row> history = FlywayHistory.read(second);
            assertEquals(
                    DatabaseTest.MIGRATIONS,
                    history.stream().map(FlywayHistory.Row::version).toList());
            assertTrue(history.stream().allMatch(r -> r.type().equals("SQL") && r.success()), history.toString());
            new FeedbackStore(first)
                    .save(new Feedback(
                            "f-1",
                            Instant.parse("2026-11-25T10:00:00Z"),
                            "c-1",
                            "May I?",
                            "Yes.",
                            "answered",
                            "up",
                            null,
                            "en"));
            assertEquals("f-1", new FeedbackStore(second).latest(1).get(0).id(), "one database behind both");
        }
    }

    @Test
    void refusesAStringLongerThanItsColumnWithAStorageErrorThatKeepsTheValueOut(TestDatabases databases) {
        try (Database db = databases.open(kind)) {
            StorageException refused = assertThrows(
                    StorageException.class,
                    () -> new FeedbackStore(db)
                            .save(new Feedback(
                                    "f-2",
                                    Instant.parse("2026-11-25T10:00:00Z"),
                                    "c-2",
                                    "pangolin" + "x".repeat(3000),
                                    "Yes.",
                                    "answered",
                                    "up",
                                    null,
                                    "en")));
            assertTrue(!refused.getMessage().contains("pangolin"), refused.getMessage());
        }
    }
}
