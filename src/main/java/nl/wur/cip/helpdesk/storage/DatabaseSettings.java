package nl.wur.cip.helpdesk.storage;

import java.time.Duration;

/**
 * Where the database is and how many connections the pool may hold.
 *
 * @param poolSize       the most connections this instance opens (two instances on PostgreSQL take twice that)
 * @param connectTimeout how long a request waits for a free connection before it fails with a 503
 */
public record DatabaseSettings(String url, String user, String password, int poolSize, Duration connectTimeout) {
    public static final int DEFAULT_POOL_SIZE = 16;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** The given database with the default pool. */
    public static DatabaseSettings of(String url, String user, String password) {
        return new DatabaseSettings(url, user, password, DEFAULT_POOL_SIZE, DEFAULT_CONNECT_TIMEOUT);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + ", poolSize=" + poolSize + ", connectTimeout="
                + connectTimeout + "]"; // no password
    }
}
