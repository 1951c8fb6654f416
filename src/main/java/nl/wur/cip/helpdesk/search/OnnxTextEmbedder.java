package nl.wur.cip.helpdesk.search;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The in-process embedding model through LangChain4j: the bundled all-MiniLM-L6-v2 (quantised) by default,
 * or any ONNX model with its tokenizer.json that a deployer points at.
 *
 * <p>The ONNX session is made here rather than by LangChain4j, whose default session splits each embedding over
 * every core with spin-waiting helper threads: on two cores the spinning cost a third of the server's CPU per
 * answer. Requests already run side by side on the answer gate's threads, so one intra-op thread, sequential
 * execution and no spinning use the cores for answers instead (the thread count is a setting).
 */
public final class OnnxTextEmbedder implements TextEmbedder {
    public static final String DEFAULT_MODEL = "all-minilm-l6-v2-q";

    private final EmbeddingModel model;
    private final String name;

    private OnnxTextEmbedder(EmbeddingModel model, String name) {
        this.model = model;
        this.name = name;
    }

    /** @param threads ONNX Runtime intra-op threads per embedding */
    public static OnnxTextEmbedder bundled(int threads) {
        try (InputStream model = resource("/all-minilm-l6-v2-q.onnx");
                InputStream tokenizer = resource("/all-minilm-l6-v2-q-tokenizer.json")) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(model.readAllBytes(), sessionOptions(threads));
            return new OnnxTextEmbedder(
                    new SessionModel(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN)),
                    DEFAULT_MODEL);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled embedding model", e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot start the bundled embedding model: " + e.getMessage(), e);
        }
    }

    /** A model folder (model.onnx + tokenizer.json) or the .onnx file itself, with tokenizer.json beside it. */
    public static OnnxTextEmbedder fromPath(Path modelPath, PoolingMode pooling, int threads) {
        Path onnx = Files.isDirectory(modelPath) ? modelPath.resolve("model.onnx") : modelPath;
        Path tokenizer = onnx.resolveSibling("tokenizer.json");
        if (!Files.isRegularFile(onnx) || !Files.isRegularFile(tokenizer)) {
            throw new IllegalArgumentException(
                    "HELPDESK_EMBEDDING_MODEL must name an .onnx file (or a folder with model.onnx)"
                            + " with tokenizer.json beside it; not found: " + onnx + " / " + tokenizer);
        }
        try (InputStream tokenizerJson = Files.newInputStream(tokenizer)) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(onnx.toString(), sessionOptions(threads));
            return new OnnxTextEmbedder(
                    new SessionModel(new OnnxBertBiEncoder(environment, session, tokenizerJson, pooling)),
                    onnx.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tokenizer, e);
        } catch (OrtException e) {
            throw new IllegalArgumentException(
                    "HELPDESK_EMBEDDING_MODEL " + onnx + " is not a usable ONNX model: " + e.getMessage(), e);
        }
    }

    private static OrtSession.SessionOptions sessionOptions(int threads) throws OrtException {
        if (threads < 1) {
            throw new IllegalArgumentException("embedding threads must be at least 1, not " + threads);
        }
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    private static InputStream resource(String name) {
        return Objects.requireNonNull(OnnxTextEmbedder.class.getResourceAsStream(name), "missing resource " + name);
    }

    /** LangChain4j's in-process model around a session made here. */
    private static final class SessionModel extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        SessionModel(OnnxBertBiEncoder encoder) {
            super(null);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }
    }

    @Override
    public float[] embed(String text) {
        return normalised(model.embed(text).content());
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (Embedding embedding :
                model.embedAll(texts.stream().map(TextSegment::from).toList()).content()) {
            vectors.add(normalised(embedding));
        }
        return vectors;
    }

    @Override
    public String modelName() {
        return name;
    }

    private static float[] normalised(Embedding embedding) {
        float[] vector = embedding.vector();
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = vector[i] * scale;
        }
        return unit;
    }
}
