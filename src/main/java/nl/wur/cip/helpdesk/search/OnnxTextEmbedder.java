package nl.wur.cip.helpdesk.search;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-process embedding model through LangChain4j: the bundled all-MiniLM-L6-v2 (quantised) by default,
 * or any ONNX model with its tokenizer.json that a deployer points at.
 */
public final class OnnxTextEmbedder implements TextEmbedder {
    public static final String DEFAULT_MODEL = "all-minilm-l6-v2-q";

    private final EmbeddingModel model;
    private final String name;

    private OnnxTextEmbedder(EmbeddingModel model, String name) {
        this.model = model;
        this.name = name;
    }

    public static OnnxTextEmbedder bundled() {
        return new OnnxTextEmbedder(new AllMiniLmL6V2QuantizedEmbeddingModel(), DEFAULT_MODEL);
    }

    /** A model folder (model.onnx + tokenizer.json) or the .onnx file itself, with tokenizer.json beside it. */
    public static OnnxTextEmbedder fromPath(Path modelPath, PoolingMode pooling) {
        Path onnx = Files.isDirectory(modelPath) ? modelPath.resolve("model.onnx") : modelPath;
        Path tokenizer = onnx.resolveSibling("tokenizer.json");
        if (!Files.isRegularFile(onnx) || !Files.isRegularFile(tokenizer)) {
            throw new IllegalArgumentException("HELPDESK_EMBEDDING_MODEL must name an .onnx file (or a folder with model.onnx)"
                    + " with tokenizer.json beside it; not found: " + onnx + " / " + tokenizer);
        }
        return new OnnxTextEmbedder(new OnnxEmbeddingModel(onnx, tokenizer, pooling), onnx.toAbsolutePath().toString());
    }

    @Override
    public float[] embed(String text) {
        return normalised(model.embed(text).content());
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (Embedding embedding : model.embedAll(texts.stream().map(TextSegment::from).toList()).content()) {
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
