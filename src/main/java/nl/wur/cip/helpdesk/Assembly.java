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
        Optional<ChecklistEngine> checklist,
        BuildTimes times)
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

    /** Loads the embedding model and the knowledge side by side, then builds the rest: the start of every command. */
    public static Assembly of(HelpdeskConfig config) {
        // The parts that do not need each other load side by side: start-up is what a fresh deployment waits for.
        CompletableFuture<TextEmbedder> embedderLoad = CompletableFuture.supplyAsync(() -> config.embeddingModel()
                .<TextEmbedder>map(path -> OnnxTextEmbedder.fromPath(
                        path, PoolingMode.valueOf(config.embeddingPooling()), config.embeddingThreads()))
                .orElseGet(() -> OnnxTextEmbedder.bundled(config.embeddingThreads())));
        KnowledgeBase knowledge = new KnowledgeLoader().load(config.knowledgeDir());
        knowledge.problems().forEach(p -> LOG.warn("knowledge file skipped or incomplete: {}", p));
        return build(config, knowledge, joined(embedderLoad), loadChecklist(config, knowledge));
    }

    /**
     * Builds everything that answers from loaded knowledge with an embedding model already loaded: the start, and a
     * reload, which keeps the model and replaces the rest.
     */
    public static Assembly build(
            HelpdeskConfig config,
            KnowledgeBase knowledge,
            TextEmbedder embedder,
            Optional<ChecklistEngine> checklist) {
        long start = System.nanoTime();
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
        TextAnalysis analysis = new TextAnalysis();
        VectorCache vectors = new VectorCache(embedder, config.dataDir());
        QueryExpansion expansion = new QueryExpansion(knowledge.rules().dutchToEnglish());
        CompletableFuture<Timed<QuestionUnderstanding>> understandingLoad =
                CompletableFuture.supplyAsync(() -> Timed.of(() -> new QuestionUnderstanding(
                        knowledge,
                        new QuestionFeatures(analysis, QuestionFeatures.Weights.defaults()),
                        vectors,
                        embedder,
                        expansion::queryText,
                        IntentClassifier.Settings.defaults(),
                        config.dataDir())));
        Timed<KnowledgeIndex> index = Timed.of(() -> new KnowledgeIndex(knowledge, analysis, vectors));
        Retriever retriever =
                new Retriever(index.value(), embedder, knowledge.rules().dutchToEnglish(), config.retrievalMode());
        Timed<QuestionUnderstanding> understanding = joined(understandingLoad);
        vectors.save();
        AnswerService answers = new AnswerService(
                knowledge,
                retriever,
                understanding.value(),
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
                understanding.value().intentCount(),
                config.knowledgeDir().toAbsolutePath(),
                embedder.modelName(),
                vectors.computed(),
                vectors.fromJar(),
                String.format(
                        java.util.Locale.ROOT,
                        "%.1f",
                        understanding.value().validation().accuracy() * 100),
                understanding.value().validation().temperature(),
                (System.nanoTime() - start) / 1_000_000);
        return new Assembly(
                knowledge,
                analysis,
                embedder,
                vectors,
                index.value(),
                retriever,
                understanding.value(),
                answers,
                checklist,
                new BuildTimes(index.ms(), understanding.ms()));
    }

    /** How long the index and the intent model took (they are built side by side), for a reload's result. */
    public record BuildTimes(long indexMs, long modelMs) {}

    private record Timed<T>(T value, long ms) {
        static <T> Timed<T> of(java.util.function.Supplier<T> step) {
            long start = System.nanoTime();
            T value = step.get();
            return new Timed<>(value, (System.nanoTime() - start) / 1_000_000);
        }
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

    /** The checklist file of a knowledge folder. */
    public static Path checklistFile(Path knowledgeDir) {
        return knowledgeDir.resolve("checklist").resolve("checklist.yml");
    }

    /** Reads the checklist against the knowledge's documents (its verdicts cite them). */
    public static ChecklistEngine readChecklist(Path knowledgeDir, KnowledgeBase knowledge) {
        Set<String> ids = knowledge.documents().stream().map(d -> d.id()).collect(Collectors.toSet());
        return new ChecklistEngine(new ChecklistLoader().load(checklistFile(knowledgeDir), ids));
    }

    /** A broken checklist file is logged and leaves the checklist off; it never stops the chat. */
    private static Optional<ChecklistEngine> loadChecklist(HelpdeskConfig config, KnowledgeBase knowledge) {
        try {
            ChecklistEngine engine = readChecklist(config.knowledgeDir(), knowledge);
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
