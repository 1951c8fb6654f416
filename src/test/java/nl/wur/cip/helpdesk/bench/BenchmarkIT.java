package nl.wur.cip.helpdesk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bench command as a user runs it: from the packaged jar, against the jar started as its own server. */
class BenchmarkIT {
    @Test
    @Timeout(180)
    void aShortRunPrintsLatencyThroughputCpuPerAnswerMemoryAndStartUp() throws Exception {
        Path jar = Path.of("target", "cip-helpdesk.jar");
        assertTrue(Files.isRegularFile(jar), "run through mvn verify, which packages the jar first");
        Process bench = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "bench",
                        "--warm-up=1",
                        "--seconds=2",
                        "--clients=1,3",
                        "--starts=1")
                .redirectErrorStream(true)
                .start();
        String output = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bench.waitFor(170, TimeUnit.SECONDS));
        assertEquals(0, bench.exitValue(), output);
        assertTrue(output.contains("start-up to healthy, fresh data folder, 1 starts: median"), output);
        Matcher phase = Pattern.compile(
                        "  3 clients: +(\\d+) answers/s, p50 ([\\d.]+) ms.*?(\\d+) errors; server CPU ([\\d.]+)"
                                + " ms/answer .*server RSS peak (\\d+) MB")
                .matcher(output);
        assertTrue(phase.find(), output);
        assertTrue(Integer.parseInt(phase.group(1)) > 0, "answers were measured");
        assertEquals("0", phase.group(3), "no errors");
        assertTrue(Double.parseDouble(phase.group(4)) > 0, "the server's CPU time was read");
        assertTrue(Integer.parseInt(phase.group(5)) > 50, "the server's memory was read");
        Matcher escalations = Pattern.compile(
                        "POST /api/escalations .*database embedded H2.*\n(?:.*\n)? +3 clients: +(\\d+)"
                                + " escalations/s, p50 ([\\d.]+) ms.*p99 ([\\d.]+) ms.*, (\\d+) errors")
                .matcher(output);
        assertTrue(escalations.find(), output);
        assertTrue(Integer.parseInt(escalations.group(1)) > 0, "escalations were stored");
        assertEquals("0", escalations.group(4), "no errors");
        assertTrue(output.contains("question understanding alone"), output);
    }
}
