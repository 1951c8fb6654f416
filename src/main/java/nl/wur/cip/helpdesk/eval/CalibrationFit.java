package nl.wur.cip.helpdesk.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.wur.cip.helpdesk.answer.ConfidenceCalibration;
import nl.wur.cip.helpdesk.answer.Outcome;

/**
 * Fits the answers' confidence calibration from results files that {@code eval} wrote: the answered questions, each
 * with the model's own probability for the intent it answered and whether it was right.
 */
public final class CalibrationFit {
    /** The answered questions of the results files: their model probability and whether they were right. */
    public static List<ConfidenceCalibration.Point> read(List<Path> files) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<ConfidenceCalibration.Point> points = new ArrayList<>();
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode result = json.readTree(line);
                if (!Outcome.ANSWERED.code().equals(result.path("outcome").asText())
                        || !result.path("probability").isNumber()
                        || !result.path("passed").isBoolean()) {
                    continue;
                }
                points.add(new ConfidenceCalibration.Point(
                        result.get("probability").asDouble(),
                        result.get("passed").asBoolean()));
            }
        }
        return points;
    }

    /** Fits a calibration to the points and prints it with, per band of the model's probability, what it does. */
    public static ConfidenceCalibration fitAndPrint(List<ConfidenceCalibration.Point> points, PrintStream out) {
        ConfidenceCalibration fitted = ConfidenceCalibration.fit(points);
        long right = points.stream().filter(ConfidenceCalibration.Point::right).count();
        out.printf(
                Locale.ROOT,
                "fitted on %d answered questions (%d right): slope %.3f, intercept %.3f%n",
                points.size(),
                right,
                fitted.slope(),
                fitted.intercept());
        out.println("model probability band: mean probability, mean confidence after calibration, share right, count");
        for (int b = 0; b + 1 < Evaluation.BANDS.length; b++) {
            double low = Evaluation.BANDS[b];
            double high = Evaluation.BANDS[b + 1];
            List<ConfidenceCalibration.Point> band = points.stream()
                    .filter(p -> p.probability() >= low && p.probability() < high)
                    .toList();
            if (!band.isEmpty()) {
                out.printf(
                        Locale.ROOT,
                        "  %.1f-%.1f: %.2f, %.2f, %.1f%%, %d%n",
                        low,
                        Math.min(high, 1.0),
                        band.stream()
                                .mapToDouble(ConfidenceCalibration.Point::probability)
                                .average()
                                .orElse(0),
                        band.stream()
                                .mapToDouble(p -> fitted.apply(p.probability()))
                                .average()
                                .orElse(0),
                        100.0
                                * band.stream()
                                        .filter(ConfidenceCalibration.Point::right)
                                        .count()
                                / band.size(),
                        band.size());
            }
        }
        return fitted;
    }

    private CalibrationFit() {}
}
