package nl.wur.cip.helpdesk.storage;

import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Fresh databases of either kind for store tests, which run once per {@link Kind} ({@code @ParameterizedClass} over
 * the enum). One PostgreSQL server is started for the whole test run, on first use, and stopped when it ends.
 */
public final class TestDatabases implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestDatabases.class);

    /** The databases the stores are tested on. */
    public enum Kind {
        H2,
        POSTGRESQL
    }

    private final ExtensionContext context;

    public TestDatabases() {
        this(null);
    }

    private TestDatabases(ExtensionContext context) {
        this.context = context;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == TestDatabases.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return new TestDatabases(extension);
    }

    /** The JDBC URL of a new, empty database of that kind. */
    public String newUrl(Kind kind) {
        return switch (kind) {
            case H2 -> "jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            case POSTGRESQL -> postgres().createDatabase();
        };
    }

    /** A new, empty, migrated database of that kind. */
    public Database open(Kind kind) {
        return Database.open(newUrl(kind), user(kind), "");
    }

    public static String user(Kind kind) {
        return kind == Kind.H2 ? "sa" : PostgresServer.USER;
    }

    /** The run's PostgreSQL server, started on first use. */
    public PostgresServer postgres() {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(PostgresServer.class, k -> PostgresServer.start(), PostgresServer.class);
    }
}
