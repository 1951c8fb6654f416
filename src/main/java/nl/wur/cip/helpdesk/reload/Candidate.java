package nl.wur.cip.helpdesk.reload;

import java.util.List;
import java.util.Optional;
import nl.wur.cip.helpdesk.answer.AnswerService;
import nl.wur.cip.helpdesk.knowledge.LoadProblem;

/**
 * What building the knowledge folder as it is now gave: a generation ready to serve, or the problems that stop it,
 * with how long each step took.
 *
 * @param generation empty when {@code problems} is not
 * @param build      the steps' times and counts, for the reload's result
 */
public record Candidate(Optional<KnowledgeGeneration> generation, List<LoadProblem> problems, Build build) {

    /**
     * How long the steps took.
     *
     * @param modelTrained true when the intent model was trained now (the knowledge's question examples differ from
     *                     the model shipped in the jar and the one in the data folder), false when it was read
     */
    public record Build(long loadMs, long indexMs, long modelMs, boolean modelTrained, int documents, int cards) {
        public static final Build NONE = new Build(0, 0, 0, false, 0, 0);
    }

    public static Candidate refused(List<LoadProblem> problems, Build build) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a refused candidate has problems");
        }
        return new Candidate(Optional.empty(), List.copyOf(problems), build);
    }

    public static Candidate ready(KnowledgeGeneration generation, Build build) {
        if (generation.answers().isEmpty()) {
            throw new IllegalArgumentException("a candidate answers");
        }
        return new Candidate(Optional.of(generation), List.of(), build);
    }

    /** The extractive answers of a ready candidate, which the gate asks. */
    AnswerService extractive() {
        return generation.orElseThrow().answers().orElseThrow().extractive();
    }
}
