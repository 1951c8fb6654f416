package nl.wur.cip.helpdesk.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalInt;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The helpdesk's database reached by JDBC through a HikariCP pool: embedded H2 in the data folder by default, or
 * PostgreSQL, which several instances can share. Flyway creates and migrates the schema on open, from
 * {@code db/migration/common} and the folder of the database's vendor ({@code h2}, {@code postgresql}) for the few
 * statements that differ; a database the earlier hand-written runner migrated is taken over at its version
 * ({@link LegacySchemaVersion}). Instances starting together are safe: Flyway locks its history table while migrating.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    static final String HISTORY_TABLE = "flyway_schema_history";

    private final HikariDataSource pool;

    private Database(HikariDataSource pool) {
        this.pool = pool;
    }

    /** The given database with the default pool. */
    public static Database open(String url, String user, String password) {
        return open(DatabaseSettings.of(url, user, password));
    }

    public static Database open(DatabaseSettings settings) {
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(poolConfig(settings));
        } catch (RuntimeException e) { // Hikari tries one connection at once: a wrong URL or password fails here
            throw new IllegalStateException(
                    "cannot connect to the database " + settings.url() + ": " + e.getMessage(), e);
        }
        try {
            migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool);
    }

    private static HikariConfig poolConfig(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("helpdesk-db");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        // A quiet instance keeps two connections instead of the whole pool open on a shared server.
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(settings.connectTimeout().toMillis());
        config.setValidationTimeout(Math.min(2_000, settings.connectTimeout().toMillis()));
        config.setIdleTimeout(Duration.ofMinutes(10).toMillis());
        // Under the idle limits firewalls and managed databases put on connections, so none dies unnoticed.
        config.setMaxLifetime(Duration.ofMinutes(30).toMillis());
        config.setKeepaliveTime(Duration.ofMinutes(5).toMillis());
        return config;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** The pool, for its metrics. */
    public HikariDataSource pool() {
        return pool;
    }

    private static void migrate(HikariDataSource pool) {
        String vendor;
        OptionalInt legacy;
        try (Connection c = pool.getConnection()) {
            vendor = vendor(c.getMetaData().getDatabaseProductName());
            legacy = LegacySchemaVersion.highestApplied(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the database: " + e.getMessage(), e);
        }
        FluentConfiguration config = Flyway.configure()
                .dataSource(pool)
                .table(HISTORY_TABLE)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
                .failOnMissingLocations(true);
        try {
            if (legacy.isPresent() && config.load().info().applied().length == 0) {
                config.baselineVersion(Integer.toString(legacy.getAsInt()))
                        .baselineDescription(
                                "migrated by the runner before Flyway (" + LegacySchemaVersion.TABLE + ")");
                config.load().baseline();
                LOG.info(
                        "database: Flyway takes over at version {}, where the earlier runner left it",
                        legacy.getAsInt());
            }
            MigrateResult result = config.load().migrate();
            result.migrations.forEach(m -> LOG.info("database migrated: V{} {}", m.version, m.description));
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot migrate the database: " + e.getMessage(), e);
        }
    }

    /** The migration folder of the database's vendor: the schema is written and tested for H2 and PostgreSQL. */
    static String vendor(String productName) {
        String name = productName.toLowerCase(Locale.ROOT);
        if (name.equals("h2") || name.equals("postgresql")) {
            return name;
        }
        throw new IllegalStateException(
                "the helpdesk's schema is written for H2 and PostgreSQL, not " + productName + " (HELPDESK_DB_URL)");
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

    @Override
    public void close() {
        pool.close();
    }
}
