package nl.wur.cip.helpdesk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {
    @Test
    void theDefaultsWarmUpAMinuteAndMeasureOneAndFiftyClients() {
        Benchmark.Options options = Benchmark.Options.from(List.of());
        assertEquals(60, options.warmUpSeconds());
        assertEquals(30, options.seconds());
        assertEquals(List.of(1, 50), options.clients());
        assertEquals(3, options.starts());
        assertEquals(List.of("-XX:+UseSerialGC", "-Xms64m"), options.serverJavaOptions(), "as the README runs it");
        assertEquals(
                List.of(),
                Benchmark.Options.from(List.of("--server-java-options=")).serverJavaOptions());
    }

    @Test
    void flagsSetClientsSecondsAndTheServersJavaOptions() {
        Benchmark.Options options = Benchmark.Options.from(List.of(
                "--clients=4, 8", "--seconds=5", "--warm-up=0", "--server-java-options=-XX:+UseSerialGC -Xmx256m"));
        assertEquals(List.of(4, 8), options.clients());
        assertEquals(5, options.seconds());
        assertEquals(0, options.warmUpSeconds());
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx256m"), options.serverJavaOptions());
    }

    @Test
    void nonsenseIsRefusedNamingTheFlag() {
        for (String bad : List.of("--clients=many", "--clients=0", "--seconds=-1", "--warm-up=lots", "--starts=99")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Benchmark.Options.from(List.of(bad)));
            assertTrue(e.getMessage().startsWith(bad.substring(0, bad.indexOf('='))), e.getMessage());
        }
    }
}
