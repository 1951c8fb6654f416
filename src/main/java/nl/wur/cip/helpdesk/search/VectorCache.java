package nl.wur.cip.helpdesk.search;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds texts through the model, remembering every vector in the data folder keyed by the hash of the
 * model name and text, so a restart with unchanged knowledge embeds nothing.
 */
public final class VectorCache {
    private static final Logger LOG = LoggerFactory.getLogger(VectorCache.class);
    private static final int FORMAT = 1;

    private final TextEmbedder embedder;
    private final Path file;
    private final Map<String, float[]> vectors = new HashMap<>();
    /** Keys asked for since the cache was opened: what the current knowledge needs, and so what a save keeps. */
    private final java.util.Set<String> used = new java.util.HashSet<>();
    private int computed;

    public VectorCache(TextEmbedder embedder, Path dataDir) {
        this.embedder = embedder;
        this.file = dataDir.resolve("vectors.bin");
        read();
    }

    /** Vectors for all texts, in order; only the ones not cached are sent to the model. */
    public List<float[]> vectors(List<String> texts) {
        List<String> missing = new ArrayList<>(new java.util.LinkedHashSet<>(
                texts.stream().filter(text -> !vectors.containsKey(key(text))).toList()));
        if (!missing.isEmpty()) {
            List<float[]> fresh = embedder.embedAll(missing);
            for (int i = 0; i < missing.size(); i++) {
                vectors.put(key(missing.get(i)), fresh.get(i));
            }
            computed += missing.size();
        }
        return texts.stream().map(t -> {
            String key = key(t);
            used.add(key);
            return vectors.get(key);
        }).toList();
    }

    /** How many vectors this cache had to compute since it was opened. */
    public int computed() {
        return computed;
    }

    /** Writes the cache, keeping only the vectors asked for since it was opened, so it does not grow with every edit. */
    public void save() {
        Map<String, float[]> kept = new HashMap<>();
        used.forEach(key -> {
            float[] v = vectors.get(key);
            if (v != null) {
                kept.put(key, v);
            }
        });
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
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
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("could not write the vector cache {}: {}; the next start will embed again", file, e.getMessage());
        }
    }

    private void read() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
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
                vectors.put(key, vector);
            }
        } catch (IOException | RuntimeException e) {
            vectors.clear();
            LOG.warn("ignoring unreadable vector cache {}: {}", file, e.getMessage());
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
