package nl.wur.cip.helpdesk.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The helpdesk's database reached by JDBC: embedded H2 in the data folder by default, any JDBC URL
 * (e.g. PostgreSQL) when configured. Creates and migrates its schema on open.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** Migrations in order; each runs once, recorded in schema_version. Append, never edit. */
    private static final List<String> MIGRATIONS = List.of("V1__feedback.sql", "V2__assessments.sql", "V3__escalations.sql",
            "V4__assessment_inline.sql");

    private final DataSource dataSource;
    private final AutoCloseable closer;

    private Database(DataSource dataSource, AutoCloseable closer) {
        this.dataSource = dataSource;
        this.closer = closer;
    }

    public static Database open(String url, String user, String password) {
        Database database;
        if (url.startsWith("jdbc:h2:")) {
            JdbcConnectionPool pool = JdbcConnectionPool.create(url, user, password);
            pool.setMaxConnections(16);
            database = new Database(pool, pool::dispose);
        } else {
            DataSource plain = new DriverManagerDataSource(url, user, password);
            database = new Database(plain, () -> { });
        }
        database.migrate();
        return database;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    private void migrate() {
        try (Connection c = connection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version VARCHAR(100) PRIMARY KEY)");
            }
            for (String migration : MIGRATIONS) {
                try (PreparedStatement check = c.prepareStatement("SELECT 1 FROM schema_version WHERE version = ?")) {
                    check.setString(1, migration);
                    try (ResultSet rs = check.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                inTransaction(c, tx -> {
                    try (Statement s = tx.createStatement()) {
                        for (String sql : script(migration).split(";\\s*\\n")) {
                            if (!sql.isBlank()) {
                                s.execute(sql);
                            }
                        }
                    }
                    try (PreparedStatement record = tx.prepareStatement("INSERT INTO schema_version (version) VALUES (?)")) {
                        record.setString(1, migration);
                        record.executeUpdate();
                    }
                    return null;
                });
                LOG.info("database migrated: {}", migration);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open or migrate the database: " + e.getMessage(), e);
        }
    }

    /** Work on one connection that must all happen or not at all. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction on a connection of its own: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection c = connection()) {
            return inTransaction(c, work);
        }
    }

    private static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static String script(String name) {
        try (InputStream in = Database.class.getResourceAsStream("/db/" + name)) {
            if (in == null) {
                throw new IllegalStateException("migration " + name + " missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            LOG.warn("closing the database: {}", e.getMessage());
        }
    }

    /** A data source for drivers other than H2: one connection per call, enough for the helpdesk's traffic. */
    private record DriverManagerDataSource(String url, String user, String password) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public Connection getConnection(String u, String p) throws SQLException {
            return DriverManager.getConnection(url, u, p);
        }

        @Override
        public java.io.PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
            DriverManager.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() {
            return DriverManager.getLoginTimeout();
        }

        @Override
        public java.util.logging.Logger getParentLogger() {
            return java.util.logging.Logger.getLogger("jdbc");
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
