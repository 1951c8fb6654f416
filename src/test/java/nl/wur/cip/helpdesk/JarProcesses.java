package nl.wur.cip.helpdesk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** For the tests that run the packaged jar as its own process: a port for it and the wait until it is healthy. */
public final class JarProcesses {
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private JarProcesses() {}

    public static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /**
     * Waits until the jar on {@code port} answers {@code /api/health} with 200; fails at once if the process exits.
     * The jar ships its vectors and intent model, so a fresh data folder is healthy in about 3 s; the margin is for a
     * busy CI machine (the tests are about delivery, not start-up time, which {@code bench} measures).
     *
     * @param log where the process's output is, for the failure message
     */
    public static void awaitHealthy(int port, Process process, Duration within, String log) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), "the helpdesk exited; see " + log);
            try {
                HttpResponse<Void> health = CLIENT.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the helpdesk did not become healthy within " + within.toSeconds() + " s; see " + log);
    }
}
