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
        StringBuilder identity = new StringBuilder(embedder.modelName()).append('|').append(features.weights());
        for (int i = 0; i < texts.size(); i++) {
            identity.append('\n').append(labels.get(i)).append('|').append(languages.get(i)).append('|').append(texts.get(i));
        }
        this.classifier = texts.isEmpty() ? Optional.empty()
                : Optional.of(IntentClassifier.trainOrLoad(Hashes.sha256(identity.toString()), () -> {
                    List<IntentClassifier.Example> examples = new ArrayList<>(texts.size());
                    for (int i = 0; i < texts.size(); i++) {
                        examples.add(new IntentClassifier.Example(features.of(texts.get(i), languages.get(i), vectorList.get(i)),
                                labels.get(i)));
                    }
                    return examples;
                }, settings, modelFolder));
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
            for (String piece : pieces) {
                parts.add(new Understanding.Part(piece,
                        classifier.get().classify(features.of(piece, language, embedder.embed(queryText.apply(piece, language))))));
            }
        }
        return new Understanding(whole, List.copyOf(parts));
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
