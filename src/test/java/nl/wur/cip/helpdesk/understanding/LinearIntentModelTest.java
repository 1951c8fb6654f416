package nl.wur.cip.helpdesk.understanding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

class LinearIntentModelTest {
    private static final LabelFactory LABELS = new LabelFactory();
    private static final String[] WORDS = {
        "keep",
        "retain",
        "delete",
        "years",
        "share",
        "partner",
        "send",
        "colleague",
        "loan",
        "renew",
        "opening",
        "printer",
        "e0",
        "e1",
        "e2",
        "e3"
    };

    private static Map<String, Double> randomFeatures(Random random) {
        Map<String, Double> features = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            features.put(WORDS[random.nextInt(WORDS.length)], random.nextGaussian());
        }
        return features;
    }

    private static Model<Label> tribuoModel(int intents, Random random) {
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("test", LABELS), LABELS);
        for (int n = 0; n < 60; n++) {
            data.add(example(new Label("intent" + n % intents), randomFeatures(random)));
        }
        return new LibLinearClassificationTrainer(
                        new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR_DUAL),
                        10.0,
                        1000,
                        1.0,
                        1L)
                .train(data);
    }

    private static ArrayExample<Label> example(Label label, Map<String, Double> features) {
        ArrayExample<Label> example = new ArrayExample<>(label);
        features.forEach(example::add);
        return example;
    }

    private static void assertScoresAsTribuo(Model<Label> tribuo, LinearIntentModel linear, Random random) {
        for (int q = 0; q < 200; q++) {
            Map<String, Double> features = randomFeatures(random);
            features.put("never-seen", 1.0);
            Prediction<Label> prediction = tribuo.predict(example(LabelFactory.UNKNOWN_LABEL, features));
            double[] probabilities = linear.probabilities(features);
            List<String> intents = linear.intents();
            for (int i = 0; i < intents.size(); i++) {
                // Bit for bit: the same sums in the same order, so no answer changes with the format.
                assertEquals(prediction.getOutputScores().get(intents.get(i)).getScore(), probabilities[i], 0.0);
            }
        }
    }

    @Test
    void scoresEveryQuestionExactlyAsTheTribuoModelItCameFrom() {
        Random random = new Random(7);
        Model<Label> tribuo = tribuoModel(5, random);
        assertScoresAsTribuo(tribuo, LinearIntentModel.of(tribuo), random);
    }

    @Test
    void twoIntentsAreOneWeightColumnAsInLiblinear() {
        Random random = new Random(8);
        Model<Label> tribuo = tribuoModel(2, random);
        LinearIntentModel linear = LinearIntentModel.of(tribuo);
        assertScoresAsTribuo(tribuo, linear, random);
        assertEquals(
                1.0,
                linear.probabilities(Map.of("keep", 1.0))[0] + linear.probabilities(Map.of("keep", 1.0))[1],
                1e-12);
    }

    @Test
    void aQuestionWithNoKnownFeatureHasNoScores() {
        LinearIntentModel linear = LinearIntentModel.of(tribuoModel(3, new Random(9)));
        assertEquals(0, linear.probabilities(Map.of("unheard", 1.0)).length);
    }

    @Test
    void writtenAndReadBackItScoresTheSame() throws IOException {
        Random random = new Random(10);
        LinearIntentModel linear = LinearIntentModel.of(tribuoModel(4, random));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        linear.writeTo(bytes);
        LinearIntentModel read = LinearIntentModel.readFrom(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(linear.intents(), read.intents());
        for (int q = 0; q < 50; q++) {
            Map<String, Double> features = randomFeatures(random);
            assertArrayEquals(linear.probabilities(features), read.probabilities(features), 0.0);
        }
    }

    @Test
    void aFileOfAnotherFormatIsRefused() {
        byte[] other = {0, 0, 0, 99, 0, 0, 0, 0};
        assertThrows(IOException.class, () -> LinearIntentModel.readFrom(new ByteArrayInputStream(other)));
    }
}
