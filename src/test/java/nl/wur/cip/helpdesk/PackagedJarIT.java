package nl.wur.cip.helpdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar: no debug symbols or duplicate files, every platform's native libraries, and a quiet start. */
class PackagedJarIT {
    private static final Path JAR = Path.of("target", "cip-helpdesk.jar");

    @TempDir
    Path dataDir;

    @Test
    void leavesOutDebugSymbolsAndKeepsEveryPlatformsOnnxRuntime() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "run through mvn verify, which packages the jar first");
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertEquals(
                    List.of(),
                    names.stream()
                            .filter(n -> n.endsWith(".pdb") || n.contains(".dSYM/"))
                            .toList());
            assertFalse(names.contains("bert-tokenizer.json"), "a copy of the bundled model's tokenizer");
            assertTrue(names.contains("all-minilm-l6-v2-q-tokenizer.json"));
            for (String platform : List.of(
                    "linux-x64/libonnxruntime.so",
                    "linux-aarch64/libonnxruntime.so",
                    "osx-x64/libonnxruntime.dylib",
                    "osx-aarch64/libonnxruntime.dylib",
                    "win-x64/onnxruntime.dll")) {
                assertTrue(names.contains("ai/onnxruntime/native/" + platform), platform);
            }
        }
    }

    @Test
    @Timeout(120)
    void answersWithTheBundledModelWithoutGpuWarnings() throws Exception {
        Process ask = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-jar",
                        JAR.toString(),
                        "ask",
                        "May I text and data mine journal articles for my research?",
                        "--data-dir=" + dataDir,
                        "--knowledge-dir=knowledge")
                .redirectErrorStream(true)
                .start();
        String output = new String(ask.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ask.waitFor(100, TimeUnit.SECONDS));
        assertEquals(0, ask.exitValue(), output);
        assertTrue(output.contains("model all-minilm-l6-v2-q"), output);
        assertTrue(output.contains("outcome: "), output);
        assertFalse(output.contains("CudaUtils"), output);
    }
}
