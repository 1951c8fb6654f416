package nl.wur.cip.helpdesk.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorCacheTest {
    private static OnnxTextEmbedder embedder;

    @BeforeAll
    static void model() {
        embedder = OnnxTextEmbedder.bundled(1);
    }

    @Test
    void shippedVectorsAreUsedWithoutEmbeddingAndNotCopiedToTheDataFolder(@TempDir Path dir) throws Exception {
        VectorCache build = new VectorCache(embedder, dir.resolve("build"), null);
        List<float[]> built = build.vectors(List.of("lawful access", "secure storage"));
        Path shipped = dir.resolve("shipped.bin");
        build.export(shipped);

        VectorCache first =
                new VectorCache(embedder, dir.resolve("data"), shipped.toUri().toURL());
        List<float[]> vectors = first.vectors(List.of("lawful access", "secure storage", "scientific research"));
        assertEquals(1, first.computed());
        assertEquals(2, first.fromJar());
        assertArrayEquals(built.get(1), vectors.get(1));
        first.save();

        // Without the jar's file, only what the office added is in the data folder.
        VectorCache withoutJar = new VectorCache(embedder, dir.resolve("data"), null);
        withoutJar.vectors(List.of("lawful access", "secure storage", "scientific research"));
        assertEquals(2, withoutJar.computed());
    }

    @Test
    void aDamagedShippedFileIsIgnoredAndEverythingIsEmbedded(@TempDir Path dir) throws Exception {
        Path shipped = dir.resolve("shipped.bin");
        Files.write(shipped, new byte[] {0, 0, 0, 1, 0, 0, 0, 9, 1, 2});
        VectorCache cache =
                new VectorCache(embedder, dir.resolve("data"), shipped.toUri().toURL());
        assertEquals(384, cache.vectors(List.of("lawful access")).get(0).length);
        assertEquals(1, cache.computed());
        assertEquals(0, cache.fromJar());
    }
}
