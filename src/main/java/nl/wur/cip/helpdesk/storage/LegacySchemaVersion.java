package nl.wur.cip.helpdesk.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The record of applied migrations kept by the hand-written runner that came before Flyway: a table
 * {@code schema_version} with one row per script ({@code V4__assessment_inline.sql}). It tells Flyway which version an
 * existing data folder is at, so Flyway takes the database over there instead of running the scripts again.
 */
final class LegacySchemaVersion {
    static final String TABLE = "schema_version";
    private static final Pattern SCRIPT = Pattern.compile("V(\\d+)__.*");

    private LegacySchemaVersion() {}

    /** The highest script the old runner applied, or empty when the database never had that runner. */
    static OptionalInt highestApplied(Connection c) throws SQLException {
        if (!tableExists(c)) {
            return OptionalInt.empty();
        }
        int highest = 0;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM " + TABLE)) {
            while (rs.next()) {
                Matcher m = SCRIPT.matcher(rs.getString(1));
                if (m.matches()) {
                    highest = Math.max(highest, Integer.parseInt(m.group(1)));
                }
            }
        }
        return highest == 0 ? OptionalInt.empty() : OptionalInt.of(highest);
    }

    /** In the connection's own schema only: H2 keeps unquoted names in upper case, PostgreSQL in lower case. */
    private static boolean tableExists(Connection c) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), null, new String[] {"TABLE"})) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT).equals(TABLE)) {
                    return true;
                }
            }
        }
        return false;
    }
}
