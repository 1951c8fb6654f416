package nl.wur.cip.helpdesk.reload;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.wur.cip.helpdesk.answer.AnswerService;
import nl.wur.cip.helpdesk.eval.EvalQuestion;
import nl.wur.cip.helpdesk.eval.EvalResult;
import nl.wur.cip.helpdesk.eval.Evaluation;

/**
 * The reload's gate: the project's question sets asked of the serving knowledge and of the new one, and which
 * questions pass with one and not with the other. Scored as {@code eval} scores them.
 */
public final class QuestionGate {
    /** The sets the build ships in the jar's {@code eval/} (pom.xml), each a file of {@code src/test/resources/eval}. */
    public static final List<String> SHIPPED_SETS = List.of("dev.jsonl", "project.jsonl");

    /** One question of one set. */
    public record GateQuestion(String set, EvalQuestion question) {
        String key() {
            return set + "/" + question.id();
        }
    }

    /** How each question did, by set and id, in the sets' order. */
    public record Results(Map<String, EvalResult> byKey) {
        long passed() {
            return byKey.values().stream().filter(EvalResult::passed).count();
        }
    }

    /**
     * A question that changed side.
     *
     * @param before {@code passed}, or why it failed with the serving knowledge
     * @param after  {@code passed}, or why it fails with the new knowledge
     */
    public record Change(String set, String id, String lang, String question, String before, String after) {}

    /** What the new knowledge changes: counts, and the questions that changed side. */
    public record Diff(
            int questions, long passedBefore, long passedAfter, List<Change> newlyFailing, List<Change> newlyPassing) {}

    private final List<GateQuestion> questions;

    public QuestionGate(List<GateQuestion> questions) {
        this.questions = List.copyOf(questions);
    }

    /** The sets shipped on the classpath; a missing or broken one is a packaging error and fails at start. */
    public static QuestionGate shipped() {
        List<GateQuestion> all = new ArrayList<>();
        for (String set : SHIPPED_SETS) {
            try {
                Evaluation.readResource("/eval/" + set).forEach(q -> all.add(new GateQuestion(set, q)));
            } catch (IOException e) {
                throw new IllegalStateException(
                        "the reload's question set " + set + " is not in the jar: " + e.getMessage(), e);
            }
        }
        return new QuestionGate(all);
    }

    public int size() {
        return questions.size();
    }

    /** Asks every question (without a language, as {@code POST /api/ask} receives them) and scores the answers. */
    public Results run(AnswerService answers) {
        Map<String, EvalResult> results = new LinkedHashMap<>();
        for (GateQuestion q : questions) {
            results.put(
                    q.key(),
                    Evaluation.score(q.question(), answers.ask(q.question().question(), Optional.empty())));
        }
        return new Results(results);
    }

    /** The questions that passed before and fail now, and the other way round. */
    public Diff compare(Results before, Results after) {
        List<Change> failing = new ArrayList<>();
        List<Change> passing = new ArrayList<>();
        for (GateQuestion q : questions) {
            EvalResult was = before.byKey().get(q.key());
            EvalResult is = after.byKey().get(q.key());
            if (was == null || is == null || was.passed() == is.passed()) {
                continue;
            }
            Change change = new Change(
                    q.set(),
                    q.question().id(),
                    q.question().lang(),
                    q.question().question(),
                    state(was),
                    state(is));
            (was.passed() ? failing : passing).add(change);
        }
        return new Diff(questions.size(), before.passed(), after.passed(), List.copyOf(failing), List.copyOf(passing));
    }

    private static String state(EvalResult result) {
        return result.passed() ? "passed" : result.failure();
    }
}
