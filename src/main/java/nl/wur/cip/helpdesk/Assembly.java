package nl.wur.cip.helpdesk;

import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import nl.wur.cip.helpdesk.answer.AnswerPolicy;
import nl.wur.cip.helpdesk.answer.AnswerService;
import nl.wur.cip.helpdesk.checklist.ChecklistEngine;
import nl.wur.cip.helpdesk.checklist.ChecklistException;
import nl.wur.cip.helpdesk.checklist.ChecklistLoader;
import nl.wur.cip.helpdesk.knowledge.KnowledgeBase;
import nl.wur.cip.helpdesk.knowledge.KnowledgeLoader;
import nl.wur.cip.helpdesk.search.KnowledgeIndex;
import nl.wur.cip.helpdesk.search.LanguageDetector;
import nl.wur.cip.helpdesk.search.OnnxTextEmbedder;
import nl.wur.cip.helpdesk.search.QueryExpansion;
import nl.wur.cip.helpdesk.search.RetrievalMode;
import nl.wur.cip.helpdesk.search.Retriever;
import nl.wur.cip.helpdesk.search.TextAnalysis;
import nl.wur.cip.helpdesk.search.TextEmbedder;
import nl.wur.cip.helpdesk.search.VectorCache;
import nl.wur.cip.helpdesk.understanding.IntentClassifier;
import nl.wur.cip.helpdesk.understanding.QuestionFeatures;
import nl.wur.cip.helpdesk.understanding.QuestionUnderstanding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that answers questions, built from one configuration: the knowledge, its index and embeddings, the
 * intent model, the answer service and the checklist. Built the same way by the server, the command line, the
 * benchmark and the tests.
 */
public record Assembly(
        KnowledgeBase knowledge,
        TextAnalysis analysis,
        TextEmbedder embedder,
        VectorCache vectors,
        KnowledgeIndex index,
        Retriever retriever,
        QuestionUnderstanding understanding,
        AnswerService answers,
        Optional<ChecklistEngine> checklist)
        implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Assembly.class);
    /** Tribuo reports every training through java.util.logging at INFO; only its warnings belong in our log. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    /** Another retriever over the same index, for comparing retrieval modes. */
    public Retriever retriever(RetrievalMode mode) {
        return new Retriever(index, embedder, knowledge.rules().dutchToEnglish(), mode);
    }

    @Override
    public void close() {
        index.close();
        analysis.close();
    }

    public static Assembly of(HelpdeskConfig config) {
        long start = System.nanoTime();
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
        // The parts that do not need each other load side by side: start-up is what a fresh deployment waits for.
        CompletableFuture<TextEmbedder> embedderLoad = CompletableFuture.supplyAsync(() -> config.embeddingModel()
                .<TextEmbedder>map(path -> OnnxTextEmbedder.fromPath(
                        path, PoolingMode.valueOf(config.embeddingPooling()), config.embeddingThreads()))
                .orElseGet(() -> OnnxTextEmbedder.bundled(config.embeddingThreads())));
        KnowledgeBase knowledge = new KnowledgeLoader().load(config.knowledgeDir());
        knowledge.problems().forEach(p -> LOG.warn("knowledge file skipped or incomplete: {}", p));
        TextAnalysis analysis = new TextAnalysis();
        TextEmbedder embedder = joined(embedderLoad);
        VectorCache vectors = new VectorCache(embedder, config.dataDir());
        QueryExpansion expansion = new QueryExpansion(knowledge.rules().dutchToEnglish());
        CompletableFuture<QuestionUnderstanding> understandingLoad =
                CompletableFuture.supplyAsync(() -> new QuestionUnderstanding(
                        knowledge,
                        new QuestionFeatures(analysis, QuestionFeatures.Weights.defaults()),
                        vectors,
                        embedder,
                        expansion::queryText,
                        IntentClassifier.Settings.defaults(),
                        config.dataDir()));
        KnowledgeIndex index = new KnowledgeIndex(knowledge, analysis, vectors);
        Retriever retriever =
                new Retriever(index, embedder, knowledge.rules().dutchToEnglish(), config.retrievalMode());
        QuestionUnderstanding understanding = joined(understandingLoad);
        vectors.save();
        AnswerService answers = new AnswerService(
                knowledge,
                retriever,
                understanding,
                new LanguageDetector(),
                AnswerPolicy.defaults(),
                config.escalationTo(),
                config.answerCache());
        LOG.info(
                "loaded {} documents ({} passages), {} answer cards and {} intents from {}; model {}; {} vectors computed, "
                        + "{} from the jar, rest from the data folder; intents cross-validated {}% (temperature {}); {} ms",
                knowledge.documents().size(),
                retriever.passageCount(),
                knowledge.cards().size(),
                understanding.intentCount(),
                config.knowledgeDir().toAbsolutePath(),
                embedder.modelName(),
                vectors.computed(),
                vectors.fromJar(),
                String.format(
                        java.util.Locale.ROOT,
                        "%.1f",
                        understanding.validation().accuracy() * 100),
                understanding.validation().temperature(),
                (System.nanoTime() - start) / 1_000_000);
        return new Assembly(
                knowledge,
                analysis,
                embedder,
                vectors,
                index,
                retriever,
                understanding,
                answers,
                loadChecklist(config, knowledge));
    }

    /** The result of a start-up step, failing the way the step itself failed. */
    static <T> T joined(CompletableFuture<T> step) {
        try {
            return step.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** A broken checklist file is logged and leaves the checklist off; it never stops the chat. */
    private static Optional<ChecklistEngine> loadChecklist(HelpdeskConfig config, KnowledgeBase knowledge) {
        Path file = config.knowledgeDir().resolve("checklist").resolve("checklist.yml");
        try {
            Set<String> ids = knowledge.documents().stream().map(d -> d.id()).collect(Collectors.toSet());
            ChecklistEngine engine = new ChecklistEngine(new ChecklistLoader().load(file, ids));
            LOG.info(
                    "checklist version {} loaded: {} questions",
                    engine.checklist().version(),
                    engine.checklist().questions().size());
            return Optional.of(engine);
        } catch (ChecklistException e) {
            LOG.error("checklist not available: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
