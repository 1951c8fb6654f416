package nl.wur.cip.helpdesk.understanding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentClassifierTest {
    /** Three intents told apart by their words, with some shared noise, as question variants are. */
    private static List<IntentClassifier.Example> examples() {
        List<IntentClassifier.Example> examples = new ArrayList<>();
        String[][] words = {
            {"keep", "retain", "delete", "years"},
            {"share", "partner", "send", "colleague"},
            {"loan", "renew", "opening", "printer"}
        };
        String[] intents = {"retention", "sharing", "off-topic"};
        for (int i = 0; i < intents.length; i++) {
            for (int n = 0; n < 12; n++) {
                examples.add(new IntentClassifier.Example(
                        Map.of(
                                "t:" + words[i][n % 4],
                                1.0,
                                "t:" + words[i][(n + 1) % 4],
                                0.7,
                                "t:noise" + (n % 3),
                                0.3),
                        intents[i]));
            }
        }
        return examples;
    }

    @Test
    void probabilitiesAreCalibratedByCrossValidationAndSumToOne() {
        IntentClassifier classifier = IntentClassifier.train(examples(), new IntentClassifier.Settings(10, 0.1, 4, 1L));
        List<IntentGuess> guesses = classifier.classify(Map.of("t:retain", 1.0, "t:years", 0.7));
        assertEquals("retention", guesses.get(0).intent());
        assertEquals(1.0, guesses.stream().mapToDouble(IntentGuess::probability).sum(), 1e-9);
        assertTrue(guesses.get(0).probability() > guesses.get(1).probability());
        assertEquals(4, classifier.validation().folds());
        assertTrue(
                classifier.validation().accuracy() > 0.9,
                "cross-validated " + classifier.validation().accuracy());
        assertTrue(classifier.temperature() > 0);
    }

    @Test
    void aQuestionLikeNoExampleGetsNoConfidentIntent() {
        IntentClassifier classifier = IntentClassifier.train(examples(), new IntentClassifier.Settings(10, 0.1, 4, 1L));
        assertTrue(classifier.classify(Map.of("t:unheard", 1.0)).get(0).probability() < 0.6);
    }

    @Test
    void aSecondStartReadsTheStoredModelAndAnswersTheSame(@TempDir Path folder) throws Exception {
        IntentClassifier.Settings settings = new IntentClassifier.Settings(10, 0.1, 4, 1L);
        IntentClassifier first =
                IntentClassifier.trainOrLoad("three intents", IntentClassifierTest::examples, settings, folder);
        List<Path> written;
        try (var files = Files.list(folder)) {
            written = files.toList();
        }
        assertEquals(2, written.size(), written.toString());
        IntentClassifier second = IntentClassifier.trainOrLoad(
                "three intents",
                () -> {
                    throw new AssertionError("a stored model is not trained again");
                },
                settings,
                folder);
        Map<String, Double> question = Map.of("t:share", 1.0, "t:colleague", 0.5);
        assertEquals(first.classify(question), second.classify(question));
        assertEquals(first.validation(), second.validation());
    }

    @Test
    void otherExamplesTrainANewModelAndReplaceTheOldOne(@TempDir Path folder) throws Exception {
        IntentClassifier.Settings settings = new IntentClassifier.Settings(10, 0.1, 4, 1L);
        IntentClassifier.trainOrLoad("three intents", IntentClassifierTest::examples, settings, folder);
        List<IntentClassifier.Example> more = new ArrayList<>(examples());
        more.add(new IntentClassifier.Example(Map.of("t:keep", 1.0, "t:forever", 1.0), "retention"));
        IntentClassifier.trainOrLoad("three intents and one more", () -> more, settings, folder);
        try (var files = Files.list(folder)) {
            assertEquals(2, files.count(), "the old model was removed");
        }
    }
}
