package nl.wur.cip.helpdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.wur.cip.helpdesk.escalation.OfficeMailbox;
import nl.wur.cip.helpdesk.storage.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged jars on one PostgreSQL, each on its own port: 200 escalations spread over both, one instance killed
 * with SIGKILL while mail goes out. Every acknowledged ticket must reach the office, none twice beyond the one in
 * flight at the kill; and an admin logged in on one instance is logged in on the other.
 */
class MultiInstanceIT {
    private static final int ESCALATIONS = 200;
    private static final int KILL_AFTER_ACKS = 100;
    private static final int MAILED_BEFORE_KILL = 5;
    private static final String PASSWORD = "correct horse battery staple";
    private static final Pattern TICKET = Pattern.compile("\"ticket\":\"(CIP-\\d{4}-\\d{6})\"");

    @TempDir
    Path folder;

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    @Timeout(400)
    void twoInstancesOnOneDatabaseDeliverEveryAcknowledgedTicketOnceThroughAKillAndShareAdminSessions()
            throws Exception {
        Path jar = Path.of("target", "cip-helpdesk.jar");
        assertTrue(Files.isRegularFile(jar), "run through mvn verify, which packages the jar first");
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
        smtp.start();
        Process a = null;
        Process b = null;
        try (PostgresServer postgres = PostgresServer.start()) {
            String db = postgres.createDatabase();
            int portA = JarProcesses.freePort();
            int portB = JarProcesses.freePort();
            // Both start at once on the empty database: Flyway's lock lets one migrate while the other waits.
            a = start(jar, "a", portA, db, smtp.getSmtp().getPort());
            b = start(jar, "b", portB, db, smtp.getSmtp().getPort());
            JarProcesses.awaitHealthy(portA, a, Duration.ofSeconds(90), "target/multi-instance-it-*.log");
            JarProcesses.awaitHealthy(portB, b, Duration.ofSeconds(90), "target/multi-instance-it-*.log");

            String cookie = login(portA);
            assertEquals(
                    200, send(portB, "GET", "/admin/api/session", null, cookie).statusCode(), "A's session on B");
            assertEquals(
                    200,
                    send(portB, "GET", "/admin/api/escalations", null, cookie).statusCode());

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger refused = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            int[] ports = {portA, portB};
            long started = System.currentTimeMillis();
            for (int i = 0; i < ESCALATIONS; i++) {
                int n = i;
                pool.submit(() -> {
                    try {
                        // Spread over four seconds, so the kill falls while they still arrive and mail goes out.
                        Thread.sleep(Math.max(0, started + n * 20L - System.currentTimeMillis()));
                        HttpResponse<String> response = send(
                                ports[n % 2],
                                "POST",
                                "/api/escalations",
                                "{\"email\":\"r" + n + "@example.org\",\"question\":\"Two instances, question " + n
                                        + "\"}",
                                null);
                        Matcher m = TICKET.matcher(response.body());
                        if (response.statusCode() == 202 && m.find()) {
                            acknowledged.add(m.group(1));
                        }
                    } catch (IOException | InterruptedException e) {
                        refused.incrementAndGet(); // A died under this request: not acknowledged
                    }
                });
            }
            pool.shutdown();
            // The kill falls while mail goes out: some delivered, most not yet.
            long killBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while ((acknowledged.size() < KILL_AFTER_ACKS
                            || OfficeMailbox.messages(smtp).size() < MAILED_BEFORE_KILL)
                    && System.nanoTime() < killBy) {
                Thread.sleep(10);
            }
            long pid = a.pid();
            a.destroyForcibly(); // SIGKILL to the JVM itself (started directly, no shell): no shutdown hook, no flush
            assertTrue(a.waitFor(30, TimeUnit.SECONDS));
            int deliveredAtKill = OfficeMailbox.messages(smtp).size();
            int acknowledgedAtKill = acknowledged.size();
            assertTrue(pool.awaitTermination(120, TimeUnit.SECONDS));

            // B's worker finishes its own mails and, once their leases end, the ones A had claimed.
            OfficeMailbox.awaitAll(smtp, acknowledged, Duration.ofSeconds(150));
            Map<String, Integer> perMessageId = OfficeMailbox.copiesByMessageId(smtp);
            List<String> missing = new ArrayList<>(acknowledged);
            missing.removeAll(OfficeMailbox.tickets(smtp));
            long duplicated =
                    perMessageId.values().stream().filter(count -> count > 1).count();
            System.out.printf(
                    "multi-instance test: %d escalations sent to 2 instances, %d acknowledged (%d when A was killed,"
                            + " pid %d), %d refused or cut off (sent to A at or after the kill); office mails: %d before the kill, %d distinct in all,"
                            + " %d missing, %d sent twice%n",
                    ESCALATIONS,
                    acknowledged.size(),
                    acknowledgedAtKill,
                    pid,
                    refused.get(),
                    deliveredAtKill,
                    perMessageId.size(),
                    missing.size(),
                    duplicated);
            assertEquals(List.of(), missing, "every acknowledged ticket reaches the office");
            // Each worker sends one mail at a time: only the one A had in flight may go out twice.
            assertTrue(duplicated <= 1, "duplicates: " + duplicated);
            assertTrue(perMessageId.values().stream().allMatch(count -> count <= 2), "never more than one resend");
            assertTrue(
                    deliveredAtKill >= MAILED_BEFORE_KILL && deliveredAtKill < acknowledged.size(),
                    "killed mid-delivery: " + deliveredAtKill + " office mails out of " + acknowledged.size());

            String metrics = send(portB, "GET", "/metrics", null, null).body();
            for (String name : new String[] {
                "hikaricp_connections_active{pool=\"helpdesk-db\"}",
                "jetty_threads_busy",
                "jvm_gc_",
                "helpdesk_escalation_mails{state=\"sent\"}"
            }) {
                assertTrue(metrics.contains(name), name + " in B's /metrics");
            }

            assertEquals(
                    200, send(portB, "POST", "/admin/api/logout", "{}", cookie).statusCode());
            assertEquals(
                    401, send(portB, "GET", "/admin/api/session", null, cookie).statusCode(), "logged out everywhere");
        } finally {
            if (a != null) {
                a.destroyForcibly();
            }
            if (b != null) {
                b.destroy();
                b.waitFor(30, TimeUnit.SECONDS);
            }
            smtp.stop();
        }
    }

    private Process start(Path jar, String name, int port, String dbUrl, int smtpPort) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-jar",
                jar.toString(),
                "--port=" + port,
                "--data-dir=" + folder.resolve(name),
                "--knowledge-dir=knowledge",
                "--web-dir=web",
                "--db-url=" + dbUrl,
                "--db-user=" + PostgresServer.USER);
        builder.environment()
                .putAll(Map.of(
                        "HELPDESK_SMTP_HOST",
                        "127.0.0.1",
                        "HELPDESK_SMTP_PORT",
                        Integer.toString(smtpPort),
                        "HELPDESK_SMTP_TLS",
                        "none",
                        "HELPDESK_SMTP_FROM",
                        "helpdesk@cip.test",
                        "HELPDESK_SMTP_TIMEOUT_SECONDS",
                        "2",
                        "HELPDESK_ADMIN_PASSWORD",
                        PASSWORD,
                        // All 200 come from one address; the per-client limit would turn most away.
                        "HELPDESK_RATE_ESCALATIONS_PER_HOUR",
                        "0"));
        builder.redirectErrorStream(true)
                .redirectOutput(
                        Path.of("target", "multi-instance-it-" + name + ".log").toFile());
        return builder.start();
    }

    private String login(int port) throws Exception {
        HttpResponse<String> response =
                send(port, "POST", "/admin/api/login", "{\"password\":\"" + PASSWORD + "\"}", null);
        assertEquals(200, response.statusCode(), response.body());
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private HttpResponse<String> send(int port, String method, String path, String body, String cookie)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString());
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
