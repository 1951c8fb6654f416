package nl.wur.cip.helpdesk.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.File;
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
import nl.wur.cip.helpdesk.JarProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar in its own process: 200 concurrent escalations, {@code kill -9} half-way, a restart on the same
 * data folder, and then every acknowledged ticket must reach the office, once per Message-ID.
 */
class EscalationCrashIT {
    private static final int ESCALATIONS = 200;
    private static final int KILL_AFTER_ACKS = 100;
    private static final int MAILED_BEFORE_KILL = 1;
    private static final Pattern TICKET = Pattern.compile("\"ticket\":\"(CIP-\\d{4}-\\d{6})\"");

    @TempDir
    Path dataDir;

    @Test
    @Timeout(300)
    void everyAcknowledgedEscalationIsDeliveredOnceAfterAKillDashNine() throws Exception {
        Path jar = Path.of("target", "cip-helpdesk.jar");
        assertTrue(Files.isRegularFile(jar), "run through mvn verify, which packages the jar first");
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
        smtp.start();
        int port = JarProcesses.freePort();
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Process first = start(jar, port, smtp.getSmtp().getPort(), "first");
        Process second = null;
        try {
            JarProcesses.awaitHealthy(port, first, Duration.ofSeconds(60), "target/crash-it-*.log");
            ExecutorService pool = Executors.newFixedThreadPool(16);
            AtomicInteger refused = new AtomicInteger();
            for (int i = 0; i < ESCALATIONS; i++) {
                int n = i;
                pool.submit(() -> {
                    try {
                        HttpResponse<String> response = client.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/escalations"))
                                        .timeout(Duration.ofSeconds(20))
                                        .header("Content-Type", "application/json")
                                        .header(
                                                "Idempotency-Key",
                                                UUID.randomUUID().toString())
                                        .POST(HttpRequest.BodyPublishers.ofString(
                                                "{\"email\":\"r" + n + "@example.org\","
                                                        + "\"question\":\"Crash test question " + n + "\"}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        Matcher m = TICKET.matcher(response.body());
                        if (response.statusCode() == 202 && m.find()) {
                            acknowledged.add(m.group(1));
                        }
                    } catch (IOException | InterruptedException e) {
                        refused.incrementAndGet(); // the server died under this request: not acknowledged
                    }
                });
            }
            pool.shutdown();
            // The kill falls while escalations are still arriving and mail is going out.
            while (!pool.isTerminated()
                    && (acknowledged.size() < KILL_AFTER_ACKS
                            || OfficeMailbox.messages(smtp).size() < MAILED_BEFORE_KILL)) {
                Thread.sleep(10);
            }
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            assertTrue(pool.awaitTermination(120, TimeUnit.SECONDS));
            first.waitFor(30, TimeUnit.SECONDS);
            int deliveredBeforeCrash = OfficeMailbox.messages(smtp).size();
            assertTrue(acknowledged.size() >= KILL_AFTER_ACKS, "acknowledged before the kill: " + acknowledged.size());

            second = start(jar, port, smtp.getSmtp().getPort(), "second");
            JarProcesses.awaitHealthy(port, second, Duration.ofSeconds(60), "target/crash-it-*.log");
            OfficeMailbox.awaitAll(smtp, acknowledged, Duration.ofSeconds(120));
            Map<String, Integer> perMessageId = OfficeMailbox.copiesByMessageId(smtp);
            List<String> missing = new ArrayList<>(acknowledged);
            missing.removeAll(OfficeMailbox.tickets(smtp));
            assertEquals(List.of(), missing, "every acknowledged ticket reaches the office");
            long duplicated =
                    perMessageId.values().stream().filter(count -> count > 1).count();
            // One worker sends one mail at a time, so at most the one in flight at the kill is sent twice.
            assertTrue(duplicated <= 1, "duplicates: " + perMessageId);
            assertTrue(perMessageId.values().stream().allMatch(count -> count <= 2), "never more than one resend");
            System.out.printf(
                    "crash test: %d acknowledged, %d refused by the kill, %d office mails before the kill,"
                            + " %d distinct office mails in all, %d sent twice%n",
                    acknowledged.size(), refused.get(), deliveredBeforeCrash, perMessageId.size(), duplicated);
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
            }
            smtp.stop();
        }
    }

    private Process start(Path jar, int port, int smtpPort, String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                jar.toString(),
                "--port=" + port,
                "--data-dir=" + dataDir,
                "--knowledge-dir=knowledge",
                "--web-dir=web");
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
                        // All 200 come from one address; the per-client limit would turn most away.
                        "HELPDESK_RATE_ESCALATIONS_PER_HOUR",
                        "0"));
        File log = Path.of("target", "crash-it-" + name + ".log").toFile();
        builder.redirectErrorStream(true).redirectOutput(log);
        return builder.start();
    }
}
