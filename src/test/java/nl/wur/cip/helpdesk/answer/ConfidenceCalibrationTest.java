package nl.wur.cip.helpdesk.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import nl.wur.cip.helpdesk.eval.CalibrationFit;
import org.junit.jupiter.api.Test;

class ConfidenceCalibrationTest {
    @Test
    void theIdentityReportsTheModelsProbabilityAsItIs() {
        ConfidenceCalibration identity = ConfidenceCalibration.identity();
        for (double p : new double[] {0.05, 0.35, 0.5, 0.73, 0.99}) {
            assertEquals(p, identity.apply(p), 1e-9);
        }
    }

    @Test
    void aPositiveInterceptRaisesTheMiddleAndTheCurveKeepsTheOrder() {
        ConfidenceCalibration calibration = new ConfidenceCalibration(0.6, 1.2);
        assertTrue(calibration.apply(0.5) > 0.5);
        assertTrue(calibration.apply(0.35) < calibration.apply(0.5));
        assertTrue(calibration.apply(0.5) < calibration.apply(0.9));
    }

    @Test
    void fittingRecoversTheCurveThatProducedTheOutcomes() {
        ConfidenceCalibration truth = new ConfidenceCalibration(0.6, 1.2);
        Random random = new Random(20261203);
        List<ConfidenceCalibration.Point> points = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            double p = 0.3 + 0.69 * random.nextDouble();
            points.add(new ConfidenceCalibration.Point(p, random.nextDouble() < truth.apply(p)));
        }
        ConfidenceCalibration fitted = ConfidenceCalibration.fit(points);
        assertEquals(truth.slope(), fitted.slope(), 0.15);
        assertEquals(truth.intercept(), fitted.intercept(), 0.15);
    }

    @Test
    void answersThatAreRightMoreOftenThanTheModelSaysRaiseTheConfidence() {
        List<ConfidenceCalibration.Point> points = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            points.add(new ConfidenceCalibration.Point(0.5, i % 5 != 0)); // right 80% at 0.5
            points.add(new ConfidenceCalibration.Point(0.9, i % 10 != 0)); // right 90% at 0.9
        }
        ConfidenceCalibration fitted = ConfidenceCalibration.fit(points);
        assertTrue(fitted.apply(0.5) > 0.7 && fitted.apply(0.5) < 0.85, "at 0.5: " + fitted.apply(0.5));
        assertTrue(fitted.apply(0.9) > 0.85 && fitted.apply(0.9) < 0.95, "at 0.9: " + fitted.apply(0.9));
    }

    @Test
    void tooFewAnswersOrANonPositiveSlopeAreRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ConfidenceCalibration.fit(List.of(new ConfidenceCalibration.Point(0.5, true))));
        assertThrows(IllegalArgumentException.class, () -> new ConfidenceCalibration(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ConfidenceCalibration(1, Double.NaN));
    }

    @Test
    void theShippedCalibrationIsTheFitToTheFirstRunsOfTheTuningPartAndNoHeldOutQuestionIsInThem() throws Exception {
        Path firstRuns = Path.of("src/test/resources/eval/first-runs.jsonl");
        Set<String> tuning = ids(Path.of("src/test/resources/eval/real-tune.jsonl"));
        Set<String> heldOut = ids(Path.of("src/test/resources/eval/real-holdout.jsonl"));
        Set<String> used = ids(firstRuns);
        assertTrue(tuning.containsAll(used), "every first run is of a tuning question");
        assertTrue(used.stream().noneMatch(heldOut::contains), "no held-out question is used");
        ConfidenceCalibration fitted = ConfidenceCalibration.fit(CalibrationFit.read(List.of(firstRuns)));
        ConfidenceCalibration shipped = AnswerPolicy.defaults().calibration();
        assertEquals(fitted.slope(), shipped.slope(), 0.001);
        assertEquals(fitted.intercept(), shipped.intercept(), 0.001);
    }

    private static Set<String> ids(Path file) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Set<String> ids = new HashSet<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                ids.add(json.readTree(line).get("id").asText());
            }
        }
        return ids;
    }
}
