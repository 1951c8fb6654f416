package nl.wur.cip.helpdesk.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
    void theInverseGivesBackTheProbabilityAConfidenceWasReportedFor() {
        ConfidenceCalibration calibration = new ConfidenceCalibration(0.6, 1.2);
        for (double p : new double[] {0.05, 0.35, 0.5, 0.73, 0.99}) {
            assertEquals(p, calibration.inverse(calibration.apply(p)), 1e-9);
        }
        assertTrue(calibration.apply(0.5) > 0.5, "a positive intercept raises the middle");
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
}
