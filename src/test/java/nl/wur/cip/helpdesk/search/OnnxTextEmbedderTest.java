package nl.wur.cip.helpdesk.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;
import java.util.Map;
import nl.wur.cip.helpdesk.HelpdeskConfig;
import org.junit.jupiter.api.Test;

class OnnxTextEmbedderTest {
    private static final List<String> TEXTS = List.of(
            "May I mine journal articles for my research at WUR?",
            "Mag ik een taalmodel trainen op auteursrechtelijk beschermde teksten?",
            "What are the library opening hours on Sunday?");

    @Test
    void theOwnSessionOfOneThreadEmbedsAsLangChain4jsDefaultSessionDoes() {
        OnnxTextEmbedder own = OnnxTextEmbedder.bundled(1);
        AllMiniLmL6V2QuantizedEmbeddingModel library = new AllMiniLmL6V2QuantizedEmbeddingModel();
        for (String text : TEXTS) {
            float[] ours = own.embed(text);
            float[] theirs = library.embed(text).content().vector();
            double norm = 0;
            for (float v : theirs) {
                norm += v * v;
            }
            double cosine = 0;
            for (int i = 0; i < ours.length; i++) {
                cosine += ours[i] * theirs[i] / Math.sqrt(norm);
            }
            assertEquals(384, ours.length);
            assertTrue(cosine > 0.99999, text + ": cosine " + cosine);
        }
    }

    @Test
    void moreThreadsGiveTheSameVectors() {
        List<float[]> one = OnnxTextEmbedder.bundled(1).embedAll(TEXTS);
        List<float[]> two = OnnxTextEmbedder.bundled(2).embedAll(TEXTS);
        for (int t = 0; t < TEXTS.size(); t++) {
            for (int i = 0; i < one.get(t).length; i++) {
                assertEquals(one.get(t)[i], two.get(t)[i], 1e-5);
            }
        }
    }

    @Test
    void theThreadSettingDefaultsToOneAndRefusesNonsense() {
        assertEquals(1, HelpdeskConfig.from(Map.of(), List.of()).embeddingThreads());
        assertEquals(
                2,
                HelpdeskConfig.from(Map.of("HELPDESK_EMBEDDING_THREADS", "2"), List.of())
                        .embeddingThreads());
        IllegalArgumentException wrong = assertThrows(
                IllegalArgumentException.class, () -> HelpdeskConfig.from(Map.of(), List.of("--embedding-threads=0")));
        assertTrue(wrong.getMessage().contains("HELPDESK_EMBEDDING_THREADS"), wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OnnxTextEmbedder.bundled(0));
    }
}
