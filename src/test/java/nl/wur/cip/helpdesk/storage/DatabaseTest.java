package nl.wur.cip.helpdesk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import nl.wur.cip.helpdesk.feedback.Feedback;
import nl.wur.cip.helpdesk.feedback.FeedbackStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    /** The versions in db/migration, in order. */
    static final java.util.List<String> MIGRATIONS = java.util.List.of("1", "2", "3", "4", "5", "6", "7");

    @Test
    void createsTheSchemaOnceAndKeepsDataAcrossReopening(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("helpdesk");
        try (Database db = Database.open(url, "sa", "")) {
            new FeedbackStore(db)
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
        }
        assertTrue(Files.list(dir).anyMatch(p -> p.getFileName().toString().startsWith("helpdesk")));
        try (Database db = Database.open(url, "sa", "")) {
            assertEquals("f-1", new FeedbackStore(db).latest(10).get(0).id());
            assertEquals(
                    MIGRATIONS,
                    FlywayHistory.read(db).stream()
                            .filter(r -> r.type().equals("SQL") && r.success())
                            .map(FlywayHistory.Row::version)
                            .toList(),
                    "each migration is recorded once");
        }
    }

    @Test
    void aFailedWriteKeepsItsValuesOutOfTheTraceFileAndTheErrorMessage(@TempDir Path dir) throws Exception {
        String url = nl.wur.cip.helpdesk.TestHelpdesk.config(dir).databaseUrl();
        String marker = "pangolin-" + java.util.UUID.randomUUID();
        try (Database db = Database.open(url, "sa", "")) {
            StorageException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    StorageException.class,
                    () -> new FeedbackStore(db)
                            .save(new Feedback(
                                    "f-2",
                                    Instant.parse("2026-11-25T10:00:00Z"),
                                    "c-2",
                                    marker + "x".repeat(3000),
                                    "Yes.",
                                    "answered",
                                    "up",
                                    null,
                                    "en")));
            assertTrue(refused.getMessage().startsWith("cannot store feedback: "), refused.getMessage());
            assertTrue(!refused.getMessage().contains(marker), refused.getMessage());
        }
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertTrue(!file.getFileName().toString().endsWith(".trace.db"), "no trace file: " + file);
            }
        }
    }
}
