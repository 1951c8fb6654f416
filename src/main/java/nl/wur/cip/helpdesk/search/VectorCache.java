package nl.wur.cip.helpdesk.search;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds texts through the model, remembering every vector in the data folder keyed by the hash of the
 * model name and text, so a restart with unchanged knowledge embeds nothing. The jar ships the vectors of the
 * knowledge it was built with ({@value #SHIPPED}, same format and keys), so a first start embeds only what the
 * office changed. Safe to share between threads: the start-up fills it from two.
 */
public final class VectorCache {
    private static final Logger LOG = LoggerFactory.getLogger(VectorCache.class);
    private static final int FORMAT = 1;
    /** The classpath resource the build writes with {@code precompute}. */
    public static final String SHIPPED = "/precomputed/vectors.bin";

    private final TextEmbedder embedder;
    private final Path file;
    private final Map<String, float[]> vectors = new HashMap<>();
    /** Keys asked for since the cache was opened: what the current knowledge needs, and so what a save keeps. */
    private final Set<String> used = new HashSet<>();
    /** Keys whose vectors came with the jar: not written to the data folder again. */
    private final Set<String> shipped = new HashSet<>();

    private int computed;

    public VectorCache(TextEmbedder embedder, Path dataDir) {
        this(embedder, dataDir, VectorCache.class.getResource(SHIPPED));
    }

    /** @param shippedVectors the vectors that came with the jar, or null */
    VectorCache(TextEmbedder embedder, Path dataDir, URL shippedVectors) {
        this.embedder = embedder;
        this.file = dataDir.resolve("vectors.bin");
        if (shippedVectors != null) {
            try (InputStream in = shippedVectors.openStream()) {
                read(in, shippedVectors.toString());
            } catch (IOException e) {
                LOG.warn("ignoring the shipped vectors {}: {}", shippedVectors, e.getMessage());
            }
            shipped.addAll(vectors.keySet());
        }
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                read(in, file.toString());
            } catch (IOException e) {
                LOG.warn("ignoring unreadable vector cache {}: {}", file, e.getMessage());
            }
        }
    }

    /** Vectors for all texts, in order; only the ones not cached are sent to the model. */
    public synchronized List<float[]> vectors(List<String> texts) {
        List<String> missing = new ArrayList<>(new LinkedHashSet<>(
                texts.stream().filter(text -> !vectors.containsKey(key(text))).toList()));
        if (!missing.isEmpty()) {
            List<float[]> fresh = embedder.embedAll(missing);
            for (int i = 0; i < missing.size(); i++) {
                vectors.put(key(missing.get(i)), fresh.get(i));
            }
            computed += missing.size();
        }
        return texts.stream()
                .map(t -> {
                    String key = key(t);
                    used.add(key);
                    return vectors.get(key);
                })
                .toList();
    }

    /** How many vectors this cache had to compute since it was opened. */
    public synchronized int computed() {
        return computed;
    }

    /** How many of the vectors asked for came with the jar. */
    public synchronized long fromJar() {
        return used.stream().filter(shipped::contains).count();
    }

    /**
     * Writes the cache, keeping only the vectors asked for since it was opened, so it does not grow with every edit,
     * and leaving out those the jar ships.
     */
    public synchronized void save() {
        try {
            write(file, used.stream().filter(key -> !shipped.contains(key)).toList());
        } catch (IOException e) {
            LOG.warn("could not write the vector cache {}: {}; the next start will embed again", file, e.getMessage());
        }
    }

    /** Writes every vector asked for since the cache was opened, shipped or not: what a build puts in the jar. */
    public synchronized void export(Path target) throws IOException {
        write(target, List.copyOf(used));
    }

    private void write(Path target, List<String> keys) throws IOException {
        Map<String, float[]> kept = new TreeMap<>(); // sorted: the same knowledge gives the same bytes
        keys.forEach(key -> {
            float[] v = vectors.get(key);
            if (v != null) {
                kept.put(key, v);
            }
        });
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(FORMAT);
            out.writeInt(kept.size());
            for (Map.Entry<String, float[]> entry : kept.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeInt(entry.getValue().length);
                for (float f : entry.getValue()) {
                    out.writeFloat(f);
                }
            }
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Adds the vectors of one file; a file that is cut short or of another format adds none. */
    private void read(InputStream source, String name) {
        Map<String, float[]> read = new HashMap<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(source))) {
            if (in.readInt() != FORMAT) {
                return;
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String key = in.readUTF();
                float[] vector = new float[in.readInt()];
                for (int j = 0; j < vector.length; j++) {
                    vector[j] = in.readFloat();
                }
                read.put(key, vector);
            }
            vectors.putAll(read);
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring unreadable vectors {}: {}", name, e.getMessage());
        }
    }

    private String key(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(embedder.modelName().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
