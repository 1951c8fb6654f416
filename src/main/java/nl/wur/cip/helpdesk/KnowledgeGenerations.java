package nl.wur.cip.helpdesk;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import nl.wur.cip.helpdesk.checklist.AssessmentStore;
import nl.wur.cip.helpdesk.checklist.ChecklistEngine;
import nl.wur.cip.helpdesk.checklist.ChecklistException;
import nl.wur.cip.helpdesk.checklist.ChecklistService;
import nl.wur.cip.helpdesk.feedback.UnansweredLog;
import nl.wur.cip.helpdesk.insight.ContentGaps;
import nl.wur.cip.helpdesk.knowledge.KnowledgeBase;
import nl.wur.cip.helpdesk.knowledge.KnowledgeFormatException;
import nl.wur.cip.helpdesk.knowledge.KnowledgeLoader;
import nl.wur.cip.helpdesk.knowledge.LoadProblem;
import nl.wur.cip.helpdesk.knowledge.MessagesException;
import nl.wur.cip.helpdesk.llm.LlmAnswerService;
import nl.wur.cip.helpdesk.optout.Crawlers;
import nl.wur.cip.helpdesk.reload.Candidate;
import nl.wur.cip.helpdesk.reload.GenerationBuilder;
import nl.wur.cip.helpdesk.reload.KnowledgeGeneration;
import nl.wur.cip.helpdesk.reload.KnowledgeReloader;
import nl.wur.cip.helpdesk.reload.LiveKnowledge;
import nl.wur.cip.helpdesk.reload.QuestionGate;
import nl.wur.cip.helpdesk.reload.ReloadResult;
import nl.wur.cip.helpdesk.search.QueryExpansion;
import nl.wur.cip.helpdesk.search.TextEmbedder;

/**
 * Builds the knowledge folder into a generation of everything that answers: the first one from the start's assembly,
 * and each reload's candidate. A candidate must load without a single problem: at start a broken card is skipped
 * with a warning so the helpdesk still comes up, but a reload refuses it, so the office sees the problem by file and
 * line while the knowledge it had keeps answering.
 */
public final class KnowledgeGenerations implements GenerationBuilder {
    private final HelpdeskConfig config;
    private final TextEmbedder embedder;
    private final LlmAnswerService model;
    private final AssessmentStore assessments;
    private final UnansweredLog unanswered;
    private final Clock clock;

    /**
     * @param embedder the model loaded at start, kept: loading it again would cost seconds and a second copy in memory
     * @param model    the answers of the first generation; each new generation shares its language-model connection
     */
    public KnowledgeGenerations(
            HelpdeskConfig config,
            TextEmbedder embedder,
            LlmAnswerService model,
            AssessmentStore assessments,
            UnansweredLog unanswered,
            Clock clock) {
        this.config = config;
        this.embedder = embedder;
        this.model = model;
        this.assessments = assessments;
        this.unanswered = unanswered;
        this.clock = clock;
    }

    /** Generation 1: what the start built, with the answers it handed to the model connection. */
    public KnowledgeGeneration first(Assembly assembly) {
        return generation(1, assembly, model);
    }

    /** The reloader that builds its candidates here and gates them with the question sets shipped in the jar. */
    public KnowledgeReloader reloader(LiveKnowledge live, Consumer<ReloadResult> onResult) {
        return new KnowledgeReloader(live, this, QuestionGate.shipped(), clock, onResult);
    }

    @Override
    public Candidate build(int number) {
        long start = System.nanoTime();
        Path folder = config.knowledgeDir();
        KnowledgeBase knowledge;
        try {
            knowledge = new KnowledgeLoader().load(folder);
        } catch (MessagesException e) {
            return Candidate.refused(e.problems(), new Candidate.Build(millisSince(start), 0, 0, false, 0, 0));
        }
        List<LoadProblem> problems = new ArrayList<>(knowledge.problems());
        Optional<ChecklistEngine> checklist = Optional.empty();
        try {
            checklist = Optional.of(Assembly.readChecklist(folder, knowledge));
        } catch (ChecklistException e) {
            problems.addAll(problemsOf(e, Assembly.checklistFile(folder)));
        }
        // The crawler list is read by the opt-out check at start only; checked here so a reload never accepts a
        // folder the next start would run without it.
        Path crawlers = folder.resolve("optout").resolve("crawlers.yml");
        try {
            Crawlers.load(crawlers);
        } catch (IllegalArgumentException e) {
            problems.add(
                    e.getCause() instanceof KnowledgeFormatException format
                            ? format.problem()
                            : new LoadProblem(crawlers.toString(), 0, e.getMessage()));
        }
        long loadMs = millisSince(start);
        int documents = knowledge.documents().size();
        int cards = knowledge.cards().size();
        if (!problems.isEmpty()) {
            return Candidate.refused(
                    problems.stream().map(p -> shown(folder, p)).toList(),
                    new Candidate.Build(loadMs, 0, 0, false, documents, cards));
        }
        Assembly assembly = Assembly.build(config, knowledge, embedder, checklist);
        return Candidate.ready(
                generation(number, assembly, model.withExtractive(assembly.answers())),
                new Candidate.Build(
                        loadMs,
                        assembly.times().indexMs(),
                        assembly.times().modelMs(),
                        assembly.understanding().modelTrainedNow(),
                        documents,
                        cards));
    }

    private KnowledgeGeneration generation(int number, Assembly assembly, LlmAnswerService answers) {
        KnowledgeBase knowledge = assembly.knowledge();
        return new KnowledgeGeneration(
                number,
                clock.instant(),
                Optional.of(answers),
                assembly.checklist().map(engine -> new ChecklistService(engine, assessments, knowledge, clock)),
                Optional.of(new ContentGaps(
                        unanswered,
                        knowledge,
                        assembly.vectors(),
                        assembly.embedder(),
                        new QueryExpansion(knowledge.rules().dutchToEnglish()),
                        clock)));
    }

    /** A broken tree's problems carry their lines; the cross-checks (an unknown cited id) only say the file. */
    private static List<LoadProblem> problemsOf(ChecklistException e, Path file) {
        if (!e.loadProblems().isEmpty()) {
            return e.loadProblems();
        }
        return e.problems().stream()
                .map(message -> new LoadProblem(file.toString(), 0, message))
                .toList();
    }

    /** Every problem's file as the knowledge loader names it ({@code knowledge/checklist/checklist.yml}). */
    private static LoadProblem shown(Path folder, LoadProblem problem) {
        Path file = Path.of(problem.path());
        if (folder.getFileName() == null || !file.startsWith(folder)) {
            return problem;
        }
        String path = folder.getFileName().resolve(folder.relativize(file)).toString();
        String message = problem.message().replace(problem.path(), path);
        return new LoadProblem(path, problem.line(), message);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
