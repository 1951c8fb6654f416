package nl.wur.cip.helpdesk.understanding;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.common.liblinear.LibLinearModel;

/**
 * A trained LIBLINEAR logistic regression as plain arrays: it scores a question exactly as Tribuo's model does (the
 * same sums in the same order) but reads in tens of milliseconds where Tribuo's file takes most of a second, and
 * allocates next to nothing per question.
 */
final class LinearIntentModel {
    private static final int FORMAT = 1;

    /** The intents in LIBLINEAR's column order. */
    private final List<String> intents;

    private final Map<String, Integer> featureRows;
    private final int featureCount;
    /** One row per feature, then the bias row; {@link #columns} weights a row (one, for two intents). */
    private final double[] weights;

    private final int columns;

    private LinearIntentModel(List<String> intents, String[] features, double[] weights) {
        this.intents = List.copyOf(intents);
        this.featureCount = features.length;
        this.featureRows = new HashMap<>(features.length * 2);
        for (int i = 0; i < features.length; i++) {
            featureRows.put(features[i], i);
        }
        this.columns = intents.size() == 2 ? 1 : intents.size();
        if (weights.length != (features.length + 1) * columns) {
            throw new IllegalArgumentException(
                    "expected " + (features.length + 1) * columns + " weights, found " + weights.length);
        }
        this.weights = weights;
    }

    /** The arrays of a model Tribuo trained with LIBLINEAR's logistic regression. */
    static LinearIntentModel of(Model<Label> trained) {
        de.bwaldvogel.liblinear.Model inner = innerModel(trained);
        if (!inner.isProbabilityModel() || inner.getBias() < 0) {
            throw new IllegalArgumentException("not a logistic regression with a bias: " + inner.getSolverType());
        }
        int[] labels = inner.getLabels();
        String[] intents = new String[labels.length];
        for (int i = 0; i < labels.length; i++) {
            intents[i] = trained.getOutputIDInfo().getOutput(labels[i]).getLabel();
        }
        String[] features = new String[trained.getFeatureIDMap().size()];
        for (int id = 0; id < features.length; id++) {
            features[id] = trained.getFeatureIDMap().get(id).getName();
        }
        return new LinearIntentModel(List.of(intents), features, inner.getFeatureWeights());
    }

    /**
     * Tribuo hands out its LIBLINEAR model only as a copy made through LIBLINEAR's text format, or inside its protobuf:
     * hundreds of megabytes either way for ours, enough to exhaust a 512 MB heap. The model's own field is read instead;
     * {@code LinearIntentModelTest} compares every score with Tribuo's, so a Tribuo that moves it fails the build.
     */
    private static de.bwaldvogel.liblinear.Model innerModel(Model<Label> trained) {
        try {
            Field models = LibLinearModel.class.getDeclaredField("models");
            models.setAccessible(true);
            return (de.bwaldvogel.liblinear.Model) ((List<?>) models.get(trained)).get(0);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Tribuo keeps its LIBLINEAR model elsewhere: " + e, e);
        }
    }

    List<String> intents() {
        return intents;
    }

    /**
     * LIBLINEAR's probability of each intent, in {@link #intents()} order; empty when the question has no feature the
     * model was trained on, since then the model knows nothing of it.
     */
    double[] probabilities(Map<String, Double> features) {
        long[] known = new long[features.size()];
        double[] values = new double[features.size()];
        int n = 0;
        for (Map.Entry<String, Double> feature : features.entrySet()) {
            Integer row = featureRows.get(feature.getKey());
            if (row != null) {
                known[n] = ((long) row << 32) | n; // sorted by row, remembering where the value is
                values[n++] = feature.getValue();
            }
        }
        if (n == 0) {
            return new double[0];
        }
        Arrays.sort(known, 0, n); // LIBLINEAR adds up in feature order: the same order gives the same bits
        double[] decision = new double[columns];
        for (int k = 0; k < n; k++) {
            int base = (int) (known[k] >>> 32) * columns;
            double value = values[(int) known[k]];
            for (int c = 0; c < columns; c++) {
                decision[c] += weights[base + c] * value;
            }
        }
        int bias = featureCount * columns; // Tribuo's bias feature has value 1
        for (int c = 0; c < columns; c++) {
            decision[c] += weights[bias + c];
        }
        double[] probability = new double[intents.size()];
        for (int c = 0; c < columns; c++) {
            probability[c] = 1 / (1 + Math.exp(-decision[c]));
        }
        if (intents.size() == 2) {
            probability[1] = 1. - probability[0];
        } else {
            double sum = 0;
            for (double p : probability) {
                sum += p;
            }
            for (int c = 0; c < probability.length; c++) {
                probability[c] /= sum;
            }
        }
        return probability;
    }

    void writeTo(OutputStream target) throws IOException {
        DataOutputStream out = new DataOutputStream(target);
        out.writeInt(FORMAT);
        out.writeInt(intents.size());
        for (String intent : intents) {
            out.writeUTF(intent);
        }
        String[] features = new String[featureCount];
        featureRows.forEach((name, row) -> features[row] = name);
        out.writeInt(featureCount);
        for (String feature : features) {
            out.writeUTF(feature);
        }
        ByteBuffer bytes = ByteBuffer.allocate(weights.length * Double.BYTES);
        bytes.asDoubleBuffer().put(weights);
        out.writeInt(weights.length);
        out.write(bytes.array());
        out.flush();
    }

    static LinearIntentModel readFrom(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(source, 1 << 16));
        if (in.readInt() != FORMAT) {
            throw new IOException("not an intent model of format " + FORMAT);
        }
        String[] intents = new String[in.readInt()];
        for (int i = 0; i < intents.length; i++) {
            intents[i] = in.readUTF();
        }
        String[] features = new String[in.readInt()];
        for (int i = 0; i < features.length; i++) {
            features[i] = in.readUTF();
        }
        // In chunks through one small buffer: millions of readDouble calls are slow, and reading the whole file first
        // would double the heap a start-up needs.
        double[] weights = new double[in.readInt()];
        byte[] chunk = new byte[1 << 16];
        ByteBuffer buffer = ByteBuffer.wrap(chunk);
        for (int at = 0; at < weights.length; ) {
            int n = Math.min(chunk.length / Double.BYTES, weights.length - at);
            in.readFully(chunk, 0, n * Double.BYTES);
            buffer.clear();
            buffer.asDoubleBuffer().get(weights, at, n);
            at += n;
        }
        return new LinearIntentModel(List.of(intents), features, weights);
    }
}
