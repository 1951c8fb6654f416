package nl.wur.cip.helpdesk.understanding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nl.wur.cip.helpdesk.knowledge.Language;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Which intent a question holds: L2-regularised logistic regression (Tribuo over LIBLINEAR, one model per intent) over
 * {@link QuestionFeatures}, whose probabilities are calibrated by a temperature fitted on cross-validated
 * predictions, so that "0.8" means right about four times in five on questions it was not trained on.
 */
public final class IntentClassifier {
    private static final LabelFactory LABELS = new LabelFactory();

    /** One labelled question: a card's variant or an extra intent's example. */
    public record Example(String text, Language language, float[] vector, String intent) {
    }

    /** Training settings; the defaults were chosen by cross-validation over the shipped knowledge. */
    /** @param cost LIBLINEAR's C: higher fits the examples more closely, lower regularises more */
    public record Settings(double cost, int calibrationFolds, long seed) {
        public static Settings defaults() {
            return new Settings(4.0, 5, 20261201L);
        }
    }

    /** Out-of-fold results: accuracy of the top intent and the calibrated top probabilities. */
    public record CrossValidation(int folds, int examples, double accuracy, double temperature) {
    }

    private final QuestionFeatures features;
    private final Model<Label> model;
    private final double temperature;
    private final CrossValidation validation;

    private IntentClassifier(QuestionFeatures features, Model<Label> model, double temperature, CrossValidation validation) {
        this.features = features;
        this.model = model;
        this.temperature = temperature;
        this.validation = validation;
    }

    public static IntentClassifier train(List<Example> examples, QuestionFeatures features, Settings settings) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to learn intents from");
        }
        List<Map<String, Double>> vectors = examples.stream().map(e -> features.of(e.text(), e.language(), e.vector())).toList();
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
        return new IntentClassifier(features, fit(examples, vectors, all, settings), temperature, validation);
    }

    /** Every intent with its calibrated probability, most likely first. */
    public List<IntentGuess> classify(String text, Language language, float[] vector) {
        Map<String, Double> scores = scores(model, features.of(text, language, vector));
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
                new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR_DUAL), settings.cost(), 1000, 0.01,
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
