package nl.wur.cip.helpdesk.understanding;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Which intent a question holds: L2-regularised logistic regression (Tribuo over LIBLINEAR, one model per intent) over
 * a question's features, whose probabilities are calibrated by a temperature fitted on cross-validated
 * predictions, so that "0.8" means right about four times in five on questions it was not trained on. Tribuo trains;
 * the trained weights are kept, scored and stored as a {@link LinearIntentModel}.
 */
public final class IntentClassifier {
    private static final Logger LOG = LoggerFactory.getLogger(IntentClassifier.class);
    private static final LabelFactory LABELS = new LabelFactory();
    /** Raised when what is stored beside a model changes meaning, so old files are not read. */
    private static final int MODEL_FORMAT = 2;
    /** Where in the jar the build puts the model of the shipped knowledge. */
    public static final String SHIPPED_FOLDER = "/precomputed/";

    /** One labelled question, as features: a card's variant or an extra intent's example. */
    public record Example(Map<String, Double> features, String intent) {}

    /** Training settings; the defaults were chosen by cross-validation over the shipped knowledge. */
    /** @param cost LIBLINEAR's C: higher fits the examples more closely, lower regularises more */
    public record Settings(double cost, double tolerance, int calibrationFolds, long seed) {
        public static Settings defaults() {
            return new Settings(10.0, 1.0, 5, 20261201L);
        }
    }

    /** Out-of-fold results: accuracy of the top intent and the calibrated top probabilities. */
    public record CrossValidation(int folds, int examples, double accuracy, double temperature) {}

    private final LinearIntentModel model;
    private final double temperature;
    /** Names the model's files: which examples and settings it was trained on. */
    private final String key;

    private final CrossValidation validation;
    /** Whether this classifier was trained here rather than read from the data folder or the jar (a reload reports it). */
    private boolean trainedNow;

    private IntentClassifier(LinearIntentModel model, double temperature, String key, CrossValidation validation) {
        this.model = model;
        this.temperature = temperature;
        this.key = key;
        this.validation = validation;
    }

    public static IntentClassifier train(List<Example> examples, Settings settings) {
        return train(examples, settings, "untracked");
    }

    private static IntentClassifier train(List<Example> examples, Settings settings, String key) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to learn intents from");
        }
        List<Map<String, Double>> vectors =
                examples.stream().map(Example::features).toList();
        double temperature = 1.0;
        CrossValidation validation = new CrossValidation(0, examples.size(), Double.NaN, 1.0);
        if (settings.calibrationFolds() > 1) {
            int[] fold = folds(examples, settings.calibrationFolds(), settings.seed());
            double[][] logProbabilityOfTruth = new double[examples.size()][];
            int[] truthIndex = new int[examples.size()];
            int right = 0;
            // The folds are independent: side by side they take half the time on two cores, and twice the memory, so
            // under 1 GiB of heap (where two folds of the shipped knowledge run out) they take turns.
            java.util.stream.IntStream foldNumbers = java.util.stream.IntStream.range(0, settings.calibrationFolds());
            List<LinearIntentModel> partials = (Runtime.getRuntime().maxMemory() >= 1L << 30
                            ? foldNumbers.parallel()
                            : foldNumbers)
                    .mapToObj(f -> {
                        List<Integer> train = new ArrayList<>();
                        for (int i = 0; i < examples.size(); i++) {
                            if (fold[i] != f) {
                                train.add(i);
                            }
                        }
                        return fit(examples, vectors, train, settings);
                    })
                    .toList();
            for (int i = 0; i < examples.size(); i++) {
                LinearIntentModel partial = partials.get(fold[i]);
                double[] scores = partial.probabilities(vectors.get(i));
                List<String> names = partial.intents();
                double[] logs = new double[names.size() + 1];
                int best = 0;
                for (int j = 0; j < scores.length; j++) {
                    logs[j] = Math.log(Math.max(scores[j], 1e-12));
                    best = scores[j] > scores[best] ? j : best;
                }
                // An intent missing from the fold's training data gets a floor probability.
                logs[names.size()] = Math.log(1e-12);
                int truth = names.indexOf(examples.get(i).intent());
                truthIndex[i] = truth < 0 ? names.size() : truth;
                logProbabilityOfTruth[i] = logs;
                if (scores.length > 0 && best == truth) {
                    right++;
                }
            }
            temperature = fitTemperature(logProbabilityOfTruth, truthIndex);
            validation = new CrossValidation(
                    settings.calibrationFolds(), examples.size(), (double) right / examples.size(), temperature);
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            all.add(i);
        }
        return new IntentClassifier(fit(examples, vectors, all, settings), temperature, key, validation);
    }

    /**
     * The classifier for these examples: read from {@code folder} or from the jar ({@value #SHIPPED_FOLDER}, written by
     * the build) when it was trained on the same examples and settings before (training with its cross-validation takes
     * tens of seconds), otherwise trained and written to {@code folder}.
     *
     * @param examplesKey identifies the examples (a hash of their texts, labels and how they become features), so a
     *                    stored model is found without computing the examples' features
     */
    public static IntentClassifier trainOrLoad(
            String examplesKey, Supplier<List<Example>> examples, Settings settings, Path folder) {
        String key = key(examplesKey, settings);
        String model = "intents-" + key + ".linear";
        String calibration = "intents-" + key + ".properties";
        if (Files.isRegularFile(folder.resolve(model)) && Files.isRegularFile(folder.resolve(calibration))) {
            try (InputStream modelIn = Files.newInputStream(folder.resolve(model));
                    InputStream calibrationIn = Files.newInputStream(folder.resolve(calibration))) {
                return read(key, modelIn, calibrationIn);
            } catch (IOException | RuntimeException e) {
                LOG.warn("ignoring unreadable intent model {}: {}", folder.resolve(model), e.getMessage());
            }
        }
        try (InputStream modelIn = IntentClassifier.class.getResourceAsStream(SHIPPED_FOLDER + model);
                InputStream calibrationIn = IntentClassifier.class.getResourceAsStream(SHIPPED_FOLDER + calibration)) {
            if (modelIn != null && calibrationIn != null) {
                return read(key, modelIn, calibrationIn);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring the shipped intent model {}: {}", model, e.getMessage());
        }
        IntentClassifier trained = train(examples.get(), settings, key);
        trained.trainedNow = true;
        try {
            trained.save(folder);
        } catch (IOException e) {
            LOG.warn(
                    "could not write the intent model to {}: {}; the next start will train again",
                    folder,
                    e.getMessage());
        }
        return trained;
    }

    private static IntentClassifier read(String key, InputStream modelIn, InputStream calibrationIn)
            throws IOException {
        Properties calibration = new Properties();
        calibration.load(calibrationIn);
        LinearIntentModel model = LinearIntentModel.readFrom(modelIn);
        double temperature = Double.parseDouble(calibration.getProperty("temperature"));
        return new IntentClassifier(
                model,
                temperature,
                key,
                new CrossValidation(
                        Integer.parseInt(calibration.getProperty("folds")),
                        Integer.parseInt(calibration.getProperty("examples")),
                        Double.parseDouble(calibration.getProperty("accuracy")),
                        temperature));
    }

    /** Writes the model and its calibration to {@code folder}, replacing any model of other examples there. */
    public void save(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (var old = Files.list(folder)) {
            for (Path file : old.filter(f -> f.getFileName().toString().startsWith("intents-"))
                    .toList()) {
                Files.deleteIfExists(file);
            }
        }
        try (OutputStream out =
                new BufferedOutputStream(Files.newOutputStream(folder.resolve("intents-" + key + ".linear")))) {
            model.writeTo(out);
        }
        Properties calibration = new Properties();
        calibration.setProperty("temperature", Double.toString(temperature));
        calibration.setProperty("folds", Integer.toString(validation.folds()));
        calibration.setProperty("accuracy", Double.toString(validation.accuracy()));
        calibration.setProperty("examples", Integer.toString(validation.examples()));
        try (var out = Files.newBufferedWriter(folder.resolve("intents-" + key + ".properties"))) {
            calibration.store(
                    out, "intent model calibration; the model file beside it was trained on the same examples");
        }
    }

    private static String key(String examplesKey, Settings settings) {
        return Hashes.sha256(MODEL_FORMAT + "|" + settings + "|" + examplesKey).substring(0, 32);
    }

    /** Every intent with its calibrated probability, most likely first. */
    public List<IntentGuess> classify(Map<String, Double> features) {
        List<String> names = model.intents();
        double[] scores = model.probabilities(features);
        if (scores.length == 0) { // no feature the model has seen (no known word, no vector): nothing is known
            scores = new double[names.size()];
            java.util.Arrays.fill(scores, 1.0);
        }
        double[] scaled = new double[scores.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) {
            scaled[i] = Math.log(Math.max(scores[i], 1e-12)) / temperature;
            max = Math.max(max, scaled[i]);
        }
        double sum = 0;
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = Math.exp(scaled[i] - max);
            sum += scaled[i];
        }
        List<IntentGuess> guesses = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            guesses.add(new IntentGuess(names.get(i), scaled[i] / sum));
        }
        guesses.sort(Comparator.comparingDouble(IntentGuess::probability).reversed());
        return guesses;
    }

    /** True when no stored model fitted the examples and this one was trained when it was asked for. */
    public boolean trainedNow() {
        return trainedNow;
    }

    public CrossValidation validation() {
        return validation;
    }

    public double temperature() {
        return temperature;
    }

    private static LinearIntentModel fit(
            List<Example> examples, List<Map<String, Double>> vectors, List<Integer> rows, Settings settings) {
        MutableDataset<Label> data =
                new MutableDataset<>(new SimpleDataSourceProvenance("knowledge intents", LABELS), LABELS);
        for (int i : rows) {
            data.add(example(new Label(examples.get(i).intent()), vectors.get(i)));
        }
        // Tribuo's SGD trainer was tried first: it updates the whole weight matrix at every step, 30 s per training
        // here; LIBLINEAR's solver works on the sparse features and takes well under a second.
        LibLinearClassificationTrainer trainer = new LibLinearClassificationTrainer(
                new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR_DUAL),
                settings.cost(),
                1000,
                settings.tolerance(),
                settings.seed());
        return LinearIntentModel.of(trainer.train(data));
    }

    private static ArrayExample<Label> example(Label label, Map<String, Double> features) {
        String[] names = new String[features.size()];
        double[] values = new double[features.size()];
        int i = 0;
        for (Map.Entry<String, Double> feature : features.entrySet()) {
            names[i] = feature.getKey();
            values[i++] = feature.getValue();
        }
        return new ArrayExample<>(label, names, values);
    }

    /** Folds stratified by intent, so every intent is in every training part when it has enough examples. */
    private static int[] folds(List<Example> examples, int k, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(seed));
        Map<String, Integer> seen = new LinkedHashMap<>();
        int[] fold = new int[examples.size()];
        for (int i : order) {
            int n = seen.merge(examples.get(i).intent(), 1, Integer::sum);
            fold[i] = n % k;
        }
        return fold;
    }

    /** The temperature that minimises the negative log-likelihood of the right intent (a grid is plenty for one number). */
    private static double fitTemperature(double[][] logs, int[] truth) {
        double best = 1;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (double t = 0.25; t <= 6.0; t += 0.05) {
            double loss = 0;
            for (int i = 0; i < logs.length; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (double l : logs[i]) {
                    max = Math.max(max, l / t);
                }
                double sum = 0;
                for (double l : logs[i]) {
                    sum += Math.exp(l / t - max);
                }
                loss -= logs[i][truth[i]] / t - max - Math.log(sum);
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                best = t;
            }
        }
        return best;
    }
}
