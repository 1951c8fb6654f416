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
    /** Empty for a knowledge folder without cards or intents: then nothing is understood and everything goes to the office. */
    private final Optional<IntentClassifier> classifier;

    private final QuestionFeatures features;
    private final Map<String, AnswerCard> cards = new LinkedHashMap<>();
    private final Map<String, IntentExamples> extras = new LinkedHashMap<>();
    private final TextEmbedder embedder;
    private final BiFunction<String, Language, String> queryText;

    /**
     * @param queryText   what is embedded for a question (the retriever's query text), so training and questions
     *                    are embedded alike
     * @param modelFolder where the trained model is kept between starts (the data folder)
     */
    public QuestionUnderstanding(
            KnowledgeBase knowledge,
            QuestionFeatures features,
            VectorCache vectors,
            TextEmbedder embedder,
            BiFunction<String, Language, String> queryText,
            IntentClassifier.Settings settings,
            java.nio.file.Path modelFolder) {
        this.embedder = embedder;
        this.queryText = queryText;
        this.features = features;
        List<Labelled> examples = new ArrayList<>();
        for (AnswerCard card : knowledge.cards()) {
            cards.put(card.id(), card);
            for (Language language : Language.values()) {
                card.questions().get(language).forEach(q -> examples.add(new Labelled(q, language, card.id())));
                examples.add(new Labelled(card.title(language), language, card.id()));
            }
        }
        for (IntentExamples intent : knowledge.intents()) {
            extras.put(intent.id(), intent);
            for (Language language : Language.values()) {
                intent.questions().get(language).forEach(q -> examples.add(new Labelled(q, language, intent.id())));
            }
        }
        List<float[]> vectorList = vectors.vectors(examples.stream()
                .map(e -> queryText.apply(e.text(), e.language()))
                .toList());
        StringBuilder identity =
                new StringBuilder(embedder.modelName()).append('|').append(features.weights());
        examples.forEach(e -> identity.append('\n')
                .append(e.intent())
                .append('|')
                .append(e.language())
                .append('|')
                .append(e.text()));
        this.classifier = examples.isEmpty()
                ? Optional.empty()
                : Optional.of(IntentClassifier.trainOrLoad(
                        Hashes.sha256(identity.toString()),
                        () -> {
                            List<IntentClassifier.Example> featured = new ArrayList<>(examples.size());
                            for (int i = 0; i < examples.size(); i++) {
                                Labelled e = examples.get(i);
                                featured.add(new IntentClassifier.Example(
                                        features.of(e.text(), e.language(), vectorList.get(i)), e.intent()));
                            }
                            return featured;
                        },
                        settings,
                        modelFolder));
    }

    /** @param vector the question's embedding, as the retriever computed it for {@code queryText} */
    public Understanding understand(String question, Language language, float[] vector) {
        if (classifier.isEmpty()) {
            return new Understanding(List.of(new IntentGuess("", 0.0)), List.of());
        }
        List<IntentGuess> whole = classifier.get().classify(features.of(question, language, vector));
        List<String> pieces = QuestionParts.split(question);
        List<Understanding.Part> parts = new ArrayList<>();
        if (pieces.size() > 1) {
            for (int i = 0; i < pieces.size(); i++) {
                String piece = pieces.get(i);
                String read = i == 0 ? piece : QuestionParts.withNamesReferredTo(piece, pieces.get(i - 1));
                parts.add(new Understanding.Part(
                        piece,
                        classifier
                                .get()
                                .classify(
                                        features.of(read, language, embedder.embed(queryText.apply(read, language))))));
            }
        }
        return new Understanding(whole, List.copyOf(parts));
    }

    /** One example question with the language it is in and the intent it stands for. */
    private record Labelled(String text, Language language, String intent) {}

    public Optional<AnswerCard> card(String intent) {
        return Optional.ofNullable(cards.get(intent));
    }

    public Optional<IntentExamples> extra(String intent) {
        return Optional.ofNullable(extras.get(intent));
    }

    public IntentClassifier.CrossValidation validation() {
        return classifier
                .map(IntentClassifier::validation)
                .orElse(new IntentClassifier.CrossValidation(0, 0, Double.NaN, 1.0));
    }

    /** Writes the trained model to {@code folder}, as the build does to ship it in the jar. */
    public void saveModel(java.nio.file.Path folder) throws java.io.IOException {
        if (classifier.isPresent()) {
            classifier.get().save(folder);
        }
    }

    /** True when the intent model was trained now: the knowledge's examples differ from every stored model's. */
    public boolean modelTrainedNow() {
        return classifier.map(IntentClassifier::trainedNow).orElse(false);
    }

    public int intentCount() {
        return cards.size() + extras.size();
    }
}
