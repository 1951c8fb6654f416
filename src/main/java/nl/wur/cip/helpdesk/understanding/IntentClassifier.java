package nl.wur.cip.helpdesk.understanding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Properties;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which intent a question holds: L2-regularised logistic regression (Tribuo over LIBLINEAR, one model per intent) over
 * a question's features, whose probabilities are calibrated by a temperature fitted on cross-validated
 * predictions, so that "0.8" means right about four times in five on questions it was not trained on.
 */
public final class IntentClassifier {
    private static final Logger LOG = LoggerFactory.getLogger(IntentClassifier.class);
    private static final LabelFactory LABELS = new LabelFactory();
    /** Raised when what is stored beside a model changes meaning, so old files are not read. */
    private static final int MODEL_FORMAT = 1;

    /** One labelled question, as features: a card's variant or an extra intent's example. */
    public record Example(Map<String, Double> features, String intent) {
    }

    /** Training settings; the defaults were chosen by cross-validation over the shipped knowledge. */
    /** @param cost LIBLINEAR's C: higher fits the examples more closely, lower regularises more */
    public record Settings(double cost, double tolerance, int calibrationFolds, long seed) {
        public static Settings defaults() {
            return new Settings(10.0, 1.0, 5, 20261201L);
        }
    }

    /** Out-of-fold results: accuracy of the top intent and the calibrated top probabilities. */
    public record CrossValidation(int folds, int examples, double accuracy, double temperature) {
    }

    private final Model<Label> model;
    private final double temperature;
    private final CrossValidation validation;

    private IntentClassifier(Model<Label> model, double temperature, CrossValidation validation) {
        this.model = model;
        this.temperature = temperature;
        this.validation = validation;
    }

    public static IntentClassifier train(List<Example> examples, Settings settings) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to learn intents from");
        }
        List<Map<String, Double>> vectors = examples.stream().map(Example::features).toList();
        double temperature = 1.0;
        CrossValidation validation = new CrossValidation(0, examples.size(), Double.NaN, 1.0);
        if (settings.calibrationFolds() > 1) {
            int[] fold = folds(examples, settings.calibrationFolds(), settings.seed());
            double[][] logProbabilityOfTruth = new double[examples.size()][];
            int[] truthIndex = new int[examples.size()];
            int right = 0;
            // The folds are independent: trained side by side, they take half the start-up time on two cores.
            List<Model<Label>> partials = java.util.stream.IntStream.range(0, settings.calibrationFolds()).parallel()
                    .mapToObj(f -> {
                        List<Integer> train = new ArrayList<>();
                        for (int i = 0; i < examples.size(); i++) {
                            if (fold[i] != f) {
                                train.add(i);
                            }
                        }
                        return fit(examples, vectors, train, settings);
                    }).toList();
            for (int i = 0; i < examples.size(); i++) {
                Map<String, Double> scores = scores(partials.get(fold[i]), vectors.get(i));
                List<String> names = new ArrayList<>(scores.keySet());
                double[] logs = new double[names.size() + 1];
                for (int j = 0; j < names.size(); j++) {
                    logs[j] = Math.log(Math.max(scores.get(names.get(j)), 1e-12));
                }
                // An intent missing from the fold's training data gets a floor probability.
                logs[names.size()] = Math.log(1e-12);
                int truth = names.indexOf(examples.get(i).intent());
                truthIndex[i] = truth < 0 ? names.size() : truth;
                logProbabilityOfTruth[i] = logs;
                String best = names.stream().max(Comparator.comparingDouble(scores::get)).orElse("");
                if (best.equals(examples.get(i).intent())) {
                    right++;
                }
            }
            temperature = fitTemperature(logProbabilityOfTruth, truthIndex);
            validation = new CrossValidation(settings.calibrationFolds(), examples.size(), (double) right / examples.size(),
                    temperature);
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            all.add(i);
        }
        return new IntentClassifier(fit(examples, vectors, all, settings), temperature, validation);
    }

    /**
     * The classifier for these examples: read from {@code folder} when it was trained on the same examples and
     * settings before (training with its cross-validation takes seconds), otherwise trained and written there.
     *
     * @param examplesKey identifies the examples (a hash of their texts, labels and how they become features), so a
     *                    stored model is found without computing the examples' features
     */
    public static IntentClassifier trainOrLoad(String examplesKey, Supplier<List<Example>> examples, Settings settings,
                                               Path folder) {
        String key = key(examplesKey, settings);
        Path modelFile = folder.resolve("intents-" + key + ".model");
        Path calibrationFile = folder.resolve("intents-" + key + ".properties");
        if (Files.isRegularFile(modelFile) && Files.isRegularFile(calibrationFile)) {
            try (var in = Files.newBufferedReader(calibrationFile)) {
                Properties calibration = new Properties();
                calibration.load(in);
                @SuppressWarnings("unchecked")
                Model<Label> model = (Model<Label>) Model.deserializeFromFile(modelFile);
                return new IntentClassifier(model, Double.parseDouble(calibration.getProperty("temperature")),
                        new CrossValidation(Integer.parseInt(calibration.getProperty("folds")),
                                Integer.parseInt(calibration.getProperty("examples")),
                                Double.parseDouble(calibration.getProperty("accuracy")),
                                Double.parseDouble(calibration.getProperty("temperature"))));
            } catch (IOException | RuntimeException e) {
                LOG.warn("ignoring unreadable intent model {}: {}", modelFile, e.getMessage());
            }
        }
        IntentClassifier trained = train(examples.get(), settings);
        try {
            Files.createDirectories(folder);
            try (var old = Files.list(folder)) {
                for (Path file : old.filter(f -> f.getFileName().toString().startsWith("intents-")).toList()) {
                    Files.deleteIfExists(file);
                }
            }
            trained.model.serializeToFile(modelFile);
            Properties calibration = new Properties();
            calibration.setProperty("temperature", Double.toString(trained.temperature));
            calibration.setProperty("folds", Integer.toString(trained.validation.folds()));
            calibration.setProperty("accuracy", Double.toString(trained.validation.accuracy()));
            calibration.setProperty("examples", Integer.toString(trained.validation.examples()));
            try (var out = Files.newBufferedWriter(calibrationFile)) {
                calibration.store(out, "intent model calibration; the model file beside it was trained on the same examples");
            }
        } catch (IOException e) {
            LOG.warn("could not write the intent model to {}: {}; the next start will train again", folder, e.getMessage());
        }
        return trained;
    }

    private static String key(String examplesKey, Settings settings) {
        return Hashes.sha256(MODEL_FORMAT + "|" + settings + "|" + examplesKey).substring(0, 32);
    }

    /** Every intent with its calibrated probability, most likely first. */
    public List<IntentGuess> classify(Map<String, Double> features) {
        Map<String, Double> scores;
        try {
            scores = scores(model, features);
        } catch (IllegalArgumentException e) {
            // Tribuo refuses a question none of whose features it has seen (no known word, no vector): nothing is known.
            scores = new LinkedHashMap<>();
            for (Label label : model.getOutputIDInfo().getDomain()) {
                scores.put(label.getLabel(), 1.0);
            }
        }
        double[] scaled = new double[scores.size()];
        List<String> names = new ArrayList<>(scores.keySet());
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < names.size(); i++) {
            scaled[i] = Math.log(Math.max(scores.get(names.get(i)), 1e-12)) / temperature;
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

    public CrossValidation validation() {
        return validation;
    }

    public double temperature() {
        return temperature;
    }

    private static Model<Label> fit(List<Example> examples, List<Map<String, Double>> vectors, List<Integer> rows,
                                    Settings settings) {
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("knowledge intents", LABELS), LABELS);
        for (int i : rows) {
            data.add(example(new Label(examples.get(i).intent()), vectors.get(i)));
        }
        // Tribuo's SGD trainer was tried first: it updates the whole weight matrix at every step, 30 s per training
        // here; LIBLINEAR's solver works on the sparse features and takes well under a second.
        LibLinearClassificationTrainer trainer = new LibLinearClassificationTrainer(
                new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR_DUAL), settings.cost(), 1000, settings.tolerance(),
                settings.seed());
        return trainer.train(data);
    }

    private static Map<String, Double> scores(Model<Label> model, Map<String, Double> features) {
        Prediction<Label> prediction = model.predict(example(LabelFactory.UNKNOWN_LABEL, features));
        Map<String, Double> scores = new LinkedHashMap<>();
        prediction.getOutputScores().forEach((name, label) -> scores.put(name, label.getScore()));
        return scores;
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
