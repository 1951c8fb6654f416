package nl.wur.cip.helpdesk.storage;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests: {@code initdb} into a temporary folder and {@code pg_ctl start} on a free port
 * of 127.0.0.1, with its socket in that folder; {@link #close} stops it and deletes the folder. PostgreSQL refuses to
 * run as root, so as root (CI runs as root) the server runs as the {@code postgres} user that Debian's package creates.
 * Without the binaries the tests that need it are skipped with the reason, except when {@code CI} is set: there the
 * absence fails them, since {@code .ci/run} installs the package.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "helpdesk";
    private static final String OS_USER = "postgres";

    private final Path folder;
    private final Path bin;
    private final List<String> runAs;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path folder, Path bin, List<String> runAs, int port) {
        this.folder = folder;
        this.bin = bin;
        this.runAs = runAs;
        this.port = port;
    }

    /** Starts a server, or skips (outside CI) or fails (in CI) the calling test when PostgreSQL is not installed. */
    public static PostgresServer start() {
        Path bin = required(binaries(), System.getenv());
        try {
            return start(bin);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting PostgreSQL", e);
        }
    }

    /** The binaries' folder; without one, the calling test is skipped, or failed when {@code CI} is set. */
    static Path required(Optional<Path> bin, java.util.Map<String, String> environment) {
        if (bin.isPresent()) {
            return bin.get();
        }
        String why = "PostgreSQL's initdb and pg_ctl are not on the PATH nor in /usr/lib/postgresql/*/bin"
                + " (Debian: apt-get install postgresql); the PostgreSQL store tests need them";
        if (environment.get("CI") != null) {
            return Assertions.fail(why + ", and CI is set: .ci/run should have installed them");
        }
        return Assumptions.abort(why + ": skipped outside CI");
    }

    private static PostgresServer start(Path bin) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("cip-postgres");
        List<String> runAs = List.of();
        if ("root".equals(System.getProperty("user.name"))) {
            UserPrincipal postgres =
                    folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
            Files.setOwner(folder, postgres);
            runAs = List.of("runuser", "-u", OS_USER, "--");
        }
        int port = freePort();
        PostgresServer server = new PostgresServer(folder, bin, runAs, port);
        Path data = folder.resolve("data");
        server.run(
                "initdb",
                "-D",
                data.toString(),
                "-U",
                USER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync");
        // fsync off: a test server's data may be lost with the machine; the tests kill the helpdesk, never PostgreSQL.
        server.run(
                "pg_ctl",
                "-D",
                data.toString(),
                "-l",
                folder.resolve("server.log").toString(),
                "-w",
                "-t",
                "60",
                "-o",
                "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                "start");
        return server;
    }

    /** The binaries' folder: the PATH's initdb and pg_ctl first, else Debian's newest version. */
    static Optional<Path> binaries() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path folder = Path.of(dir.isEmpty() ? "." : dir);
            if (Files.isExecutable(folder.resolve("initdb")) && Files.isExecutable(folder.resolve("pg_ctl"))) {
                try { // /usr/local/bin holds links into Debian's folder, where the server binary itself is
                    return Optional.of(folder.resolve("pg_ctl").toRealPath().getParent());
                } catch (IOException e) {
                    return Optional.of(folder);
                }
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(debian)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(debian)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(PostgresServer::majorVersion));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void run(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(runAs);
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            String log = Files.isRegularFile(folder.resolve("server.log"))
                    ? Files.readString(folder.resolve("server.log"))
                    : "";
            throw new IOException(program + " failed: " + output + log);
        }
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of one database on this server. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A new, empty database: each test gets its own, so none sees another's rows. */
    public String createDatabase() {
        String name = "helpdesk_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a database: " + e.getMessage(), e);
        }
        return url(name);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run("pg_ctl", "-D", folder.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
