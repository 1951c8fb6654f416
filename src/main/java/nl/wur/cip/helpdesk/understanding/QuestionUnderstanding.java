package nl.wur.cip.helpdesk.understanding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import nl.wur.cip.helpdesk.knowledge.AnswerCard;
import nl.wur.cip.helpdesk.knowledge.IntentExamples;
import nl.wur.cip.helpdesk.knowledge.KnowledgeBase;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.search.TextEmbedder;
import nl.wur.cip.helpdesk.search.VectorCache;

/**
 * Understands questions: learns the intents from the knowledge at start-up (every answer card is an intent,
 * learned from its question variants and title; {@code knowledge/intents/} adds what the helpdesk must not answer
 * itself) and tells which of them a question, and each part of a longer question, holds.
 */
public final class QuestionUnderstanding {
    /** Each intent's nearest examples count as features: how close a question comes to the closest of them. */
    private static final int NEIGHBOUR_INTENTS = 8;

    /** Empty for a knowledge folder without cards or intents: then nothing is understood and everything goes to the office. */
    private final Optional<IntentClassifier> classifier;
    private final QuestionFeatures features;
    private final float[][] exampleVectors;
    private final String[] exampleIntents;
    private final Map<String, AnswerCard> cards = new LinkedHashMap<>();
    private final Map<String, IntentExamples> extras = new LinkedHashMap<>();
    private final TextEmbedder embedder;
    private final BiFunction<String, Language, String> queryText;

    /**
     * @param queryText   what is embedded for a question (the retriever's query text), so training and questions
     *                    are embedded alike
     * @param modelFolder where the trained model is kept between starts (the data folder)
     */
    public QuestionUnderstanding(KnowledgeBase knowledge, QuestionFeatures features, VectorCache vectors,
                                 TextEmbedder embedder, BiFunction<String, Language, String> queryText,
                                 IntentClassifier.Settings settings, java.nio.file.Path modelFolder) {
        this.embedder = embedder;
        this.queryText = queryText;
        this.features = features;
        List<String> texts = new ArrayList<>();
        List<Language> languages = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (AnswerCard card : knowledge.cards()) {
            cards.put(card.id(), card);
            for (Language language : Language.values()) {
                for (String question : card.questions().get(language)) {
                    texts.add(question);
                    languages.add(language);
                    labels.add(card.id());
                }
                texts.add(card.title(language));
                languages.add(language);
                labels.add(card.id());
            }
        }
        for (IntentExamples intent : knowledge.intents()) {
            extras.put(intent.id(), intent);
            for (Language language : Language.values()) {
                for (String question : intent.questions().get(language)) {
                    texts.add(question);
                    languages.add(language);
                    labels.add(intent.id());
                }
            }
        }
        List<String> embedded = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            embedded.add(queryText.apply(texts.get(i), languages.get(i)));
        }
        List<float[]> vectorList = vectors.vectors(embedded);
        this.exampleVectors = vectorList.toArray(float[][]::new);
        this.exampleIntents = labels.toArray(String[]::new);
        List<IntentClassifier.Example> examples = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            examples.add(new IntentClassifier.Example(featuresOf(texts.get(i), languages.get(i), vectorList.get(i), i),
                    labels.get(i)));
        }
        this.classifier = examples.isEmpty() ? Optional.empty()
                : Optional.of(IntentClassifier.trainOrLoad(examples, settings, modelFolder));
    }

    /** @param vector the question's embedding, as the retriever computed it for {@code queryText} */
    public Understanding understand(String question, Language language, float[] vector) {
        if (classifier.isEmpty()) {
            return new Understanding(List.of(new IntentGuess("", 0.0)), List.of());
        }
        List<IntentGuess> whole = classifier.get().classify(featuresOf(question, language, vector, -1));
        List<String> pieces = QuestionParts.split(question);
        List<Understanding.Part> parts = new ArrayList<>();
        if (pieces.size() > 1) {
            for (String piece : pieces) {
                parts.add(new Understanding.Part(piece,
                        classifier.get().classify(featuresOf(piece, language, embedder.embed(queryText.apply(piece, language)), -1))));
            }
        }
        return new Understanding(whole, List.copyOf(parts));
    }

    /**
     * The question's own features plus, for the intents whose examples come closest in meaning, the similarity to
     * the closest one (a nearest-neighbour vote the linear model can weigh). {@code self} is left out, so an
     * example does not vote for itself in training.
     */
    private Map<String, Double> featuresOf(String text, Language language, float[] vector, int self) {
        Map<String, Double> all = features.of(text, language, vector);
        double weight = features.weights().neighbours();
        if (weight <= 0 || vector == null) {
            return all;
        }
        Map<String, Double> closest = new java.util.HashMap<>();
        for (int i = 0; i < exampleVectors.length; i++) {
            if (i != self) {
                closest.merge(exampleIntents[i], (double) nl.wur.cip.helpdesk.search.Vectors.cosine(vector, exampleVectors[i]),
                        Math::max);
            }
        }
        closest.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(NEIGHBOUR_INTENTS)
                .forEach(e -> all.put("n:" + e.getKey(), weight * e.getValue()));
        return all;
    }

    public Optional<AnswerCard> card(String intent) {
        return Optional.ofNullable(cards.get(intent));
    }

    public Optional<IntentExamples> extra(String intent) {
        return Optional.ofNullable(extras.get(intent));
    }

    public IntentClassifier.CrossValidation validation() {
        return classifier.map(IntentClassifier::validation).orElse(new IntentClassifier.CrossValidation(0, 0, Double.NaN, 1.0));
    }

    public int intentCount() {
        return cards.size() + extras.size();
    }
}
