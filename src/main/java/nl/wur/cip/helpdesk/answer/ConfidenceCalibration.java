package nl.wur.cip.helpdesk.answer;

import java.util.List;

/**
 * Turns the intent model's probability into the confidence an answer reports: how often an answer given at that
 * probability was right on real questions. The model is calibrated on its own question variants, which are harder to
 * tell apart than real questions are; this second step is a logistic fit (Platt scaling) on real questions answered
 * before anything was tuned on them.
 *
 * @param slope     on the log-odds of the model's probability; 1 with intercept 0 leaves it as it is
 * @param intercept added to those log-odds
 */
public record ConfidenceCalibration(double slope, double intercept) {
    private static final double EDGE = 1e-4;

    /** One answered question: the model's probability for the intent it answered, and whether the answer was right. */
    public record Point(double probability, boolean right) {}

    public static ConfidenceCalibration identity() {
        return new ConfidenceCalibration(1, 0);
    }

    public ConfidenceCalibration {
        if (!(slope > 0) || !Double.isFinite(intercept)) {
            throw new IllegalArgumentException("a confidence calibration needs a positive slope: " + slope);
        }
    }

    public double apply(double probability) {
        return sigmoid(slope * logit(probability) + intercept);
    }

    /**
     * The maximum-likelihood slope and intercept for the points (Newton's method on the logistic log-likelihood), with
     * a small pull towards leaving the probability as it is, so a handful of points cannot produce a wild curve.
     */
    public static ConfidenceCalibration fit(List<Point> points) {
        if (points.size() < 10) {
            throw new IllegalArgumentException("too few answered questions to fit a calibration: " + points.size());
        }
        double ridge = 1.0;
        double a = 1;
        double b = 0;
        for (int step = 0; step < 100; step++) {
            double ga = -ridge * (a - 1);
            double gb = -ridge * b;
            double haa = ridge;
            double hab = 0;
            double hbb = ridge;
            for (Point p : points) {
                double x = logit(p.probability());
                double q = sigmoid(a * x + b);
                double y = p.right() ? 1 : 0;
                ga += (y - q) * x;
                gb += y - q;
                double w = q * (1 - q);
                haa += w * x * x;
                hab += w * x;
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a += da;
            b += db;
            if (Math.abs(da) + Math.abs(db) < 1e-9) {
                break;
            }
        }
        return new ConfidenceCalibration(a, b);
    }

    private static double logit(double p) {
        double clamped = Math.max(EDGE, Math.min(1 - EDGE, p));
        return Math.log(clamped / (1 - clamped));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
