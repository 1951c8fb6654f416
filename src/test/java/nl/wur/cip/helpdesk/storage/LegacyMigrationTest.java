package nl.wur.cip.helpdesk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import nl.wur.cip.helpdesk.feedback.FeedbackStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data folder migrated by the hand-written runner that came before Flyway opens in place: its rows stay, no script
 * runs twice, and Flyway's history starts at the version that runner left.
 */
class LegacyMigrationTest {
    /** The runner's scripts, in its order, where they live now (the same files, moved). */
    private static final List<String> OLD_SCRIPTS = List.of(
            "common/V1__feedback.sql",
            "h2/V2__assessments.sql",
            "common/V3__escalations.sql",
            "common/V4__assessment_inline.sql");

    @TempDir
    Path dir;

    @Test
    void aDatabaseTheOldRunnerLeftAtVersionFourKeepsItsRowsAndIsNotMigratedAgain() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("helpdesk");
        migrateTheOldWay(url, 4);
        try (Database db = Database.open(url, "sa", "")) {
            assertEquals("old-feedback", new FeedbackStore(db).latest(10).get(0).id());
            assertEquals(
                    List.of(
                            new FlywayHistory.Row(
                                    "4", "BASELINE", "migrated by the runner before Flyway (schema_version)", true),
                            new FlywayHistory.Row("5", "SQL", "admin sessions", true),
                            new FlywayHistory.Row("6", "SQL", "admin audit", true),
                            new FlywayHistory.Row("7", "SQL", "answer records", true)),
                    FlywayHistory.read(db),
                    "V1 to V4 are not run again; what came after them is");
        }
        try (Database db = Database.open(url, "sa", "")) {
            assertEquals(4, FlywayHistory.read(db).size(), "a second start changes nothing");
            assertEquals(1, new FeedbackStore(db).latest(10).size());
        }
    }

    @Test
    void aDatabaseTheOldRunnerLeftAtVersionThreeGetsVersionFourAndLaterFromFlyway() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("helpdesk");
        migrateTheOldWay(url, 3);
        try (Database db = Database.open(url, "sa", "")) {
            List<FlywayHistory.Row> history = FlywayHistory.read(db);
            assertEquals(
                    List.of("3 BASELINE", "4 SQL", "5 SQL", "6 SQL", "7 SQL"),
                    history.stream().map(r -> r.version() + " " + r.type()).toList());
            assertTrue(history.get(1).success());
            assertEquals("CHARACTER VARYING", columnType(db, "ASSESSMENT", "ANSWERS"), "V4 ran: no CLOB any more");
            assertEquals("old-feedback", new FeedbackStore(db).latest(10).get(0).id());
        }
    }

    /** What the old runner did: each script's statements, then its name in schema_version; plus a feedback row. */
    private static void migrateTheOldWay(String url, int upTo) throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version VARCHAR(100) PRIMARY KEY)");
            for (String script : OLD_SCRIPTS.subList(0, upTo)) {
                for (String sql : read("/db/migration/" + script).split(";\\s*\\n")) {
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement record = c.prepareStatement("INSERT INTO schema_version (version) VALUES (?)")) {
                    record.setString(1, script.substring(script.indexOf('/') + 1));
                    record.executeUpdate();
                }
            }
            try (PreparedStatement row = c.prepareStatement(
                    "INSERT INTO feedback (id, created_at, question, answer, outcome,"
                            + " rating, language) VALUES ('old-feedback', ?, 'May I?', 'Yes.', 'answered', 'up', 'en')")) {
                row.setObject(1, Instant.parse("2026-11-01T10:00:00Z").atOffset(java.time.ZoneOffset.UTC));
                row.executeUpdate();
            }
        }
    }

    private static String columnType(Database db, String table, String column) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement s = c.prepareStatement("SELECT DATA_TYPE FROM"
                        + " INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = ? AND COLUMN_NAME = ?")) {
            s.setString(1, table);
            s.setString(2, column);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = LegacyMigrationTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
