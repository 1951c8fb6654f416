package nl.wur.cip.helpdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nl.wur.cip.helpdesk.web.ReloadableKnowledge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar reloads its knowledge folder on {@code kill -HUP} and keeps running: the operator's reload. */
class ReloadOnHangUpIT {
    private static final Path JAR = Path.of("target", "cip-helpdesk.jar");
    private static final String QUESTION = "Does fair use exist in Dutch copyright law?";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    Path work;

    private String answer(int port) throws Exception {
        HttpResponse<String> reply = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ask"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                JSON.writeValueAsString(Map.of("question", QUESTION))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), reply.body());
        JsonNode body = JSON.readTree(reply.body());
        return body.path("answer").asText();
    }

    @Test
    @Timeout(240)
    void aHangUpSwitchesToTheEditedKnowledgeAndTheServerKeepsRunning() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "run through mvn verify, which packages the jar first");
        Path knowledge = ReloadableKnowledge.copyOfTheShippedKnowledge(work);
        int port = JarProcesses.freePort();
        Path log = work.resolve("helpdesk.log");
        Process helpdesk = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-jar",
                        JAR.toString(),
                        "--port=" + port,
                        "--data-dir=" + work.resolve("data"),
                        "--knowledge-dir=" + knowledge,
                        "--web-dir=web",
                        // the test asks twice a second until the reload is done, past a researcher's rate limit
                        "--rate-ask-per-minute=0")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            JarProcesses.awaitHealthy(port, helpdesk, Duration.ofSeconds(90), log.toString());
            assertTrue(answer(port).startsWith("Not as such:"));
            Path card = knowledge.resolve("faq/faq-fair-use.md");
            Files.writeString(
                    card,
                    Files.readString(card, StandardCharsets.UTF_8)
                            .replace("Not as such: Dutch", "Not as such (after a hang-up): Dutch"),
                    StandardCharsets.UTF_8);

            Process hangUp = new ProcessBuilder("kill", "-HUP", Long.toString(helpdesk.pid())).start();
            assertTrue(hangUp.waitFor(10, TimeUnit.SECONDS) && hangUp.exitValue() == 0, "kill -HUP was sent");

            long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            String answer = answer(port);
            while (!answer.contains("after a hang-up") && System.nanoTime() < deadline) {
                assertTrue(helpdesk.isAlive(), "a hang-up must not stop the server; see " + log);
                Thread.sleep(500);
                answer = answer(port);
            }
            // The log lives in the test's temporary folder, which is gone by the time anyone reads the report.
            assertTrue(
                    answer.contains("after a hang-up"),
                    () -> "the edited answer is served; the helpdesk's reload log: " + reloadLines(log));
            assertTrue(helpdesk.isAlive());
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(output.contains("knowledge reload started (SIGHUP)"), output);
            assertTrue(output.contains("knowledge reload (SIGHUP): switched to generation 2"), output);
        } finally {
            helpdesk.destroy();
            helpdesk.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static String reloadLines(Path log) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains("reload") || line.contains("SIGHUP"))
                    .toList()
                    .toString();
        } catch (java.io.IOException e) {
            return "unreadable: " + e;
        }
    }
}
