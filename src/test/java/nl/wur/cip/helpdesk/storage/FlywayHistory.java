package nl.wur.cip.helpdesk.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Flyway's history table as the tests read it. */
final class FlywayHistory {
    /** One row: a migration Flyway ran, or the baseline it took over at. */
    record Row(String version, String type, String description, boolean success) {}

    private FlywayHistory() {}

    static List<Row> read(Database db) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = db.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT \"version\", \"type\", \"description\", \"success\" FROM \""
                        + Database.HISTORY_TABLE + "\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)));
            }
        }
        return rows;
    }
}
