package nl.wur.cip.helpdesk.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.wur.cip.helpdesk.answer.Answer;
import nl.wur.cip.helpdesk.answer.AnswerService;
import nl.wur.cip.helpdesk.answer.Outcome;
import nl.wur.cip.helpdesk.knowledge.Citation;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.knowledge.Passage;
import nl.wur.cip.helpdesk.search.RetrievalMode;
import nl.wur.cip.helpdesk.search.Retriever;
import nl.wur.cip.helpdesk.search.ScoredPassage;

/** Scores a question set against the helpdesk: pass rate overall, by topic and by language, and retrieval recall. */
public final class Evaluation {
    /** The edges of the calibration tables' bands; the last is above 1 so that a confidence of 1 is counted. */
    static final double[] BANDS = {0, 0.2, 0.4, 0.6, 0.8, 1.0001};

    private static final int RECALL_DEPTH = 3;

    public static List<EvalQuestion> read(Path file) throws IOException {
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /**
     * A question set shipped on the classpath (the build copies the project's sets into the jar's {@code eval/}, for the
     * reload's gate).
     */
    public static List<EvalQuestion> readResource(String resource) throws IOException {
        try (java.io.InputStream in = Evaluation.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no question set " + resource + " on the classpath");
            }
            return parse(
                    resource,
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .lines()
                            .toList());
        }
    }

    private static List<EvalQuestion> parse(String file, List<String> lines) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<EvalQuestion> questions = new ArrayList<>();
        int lineNumber = 0;
        for (String line : lines) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = mapper.readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IOException(file + ":" + lineNumber + ": not a JSON object: " + e.getOriginalMessage());
            }
            List<List<Pattern>> must = new ArrayList<>();
            node.path("must").forEach(group -> must.add(patterns(group)));
            questions.add(new EvalQuestion(
                    node.path("id").asText("line " + lineNumber),
                    node.path("lang").asText("en"),
                    node.path("topic").asText("other"),
                    node.path("question").asText(),
                    node.path("expect").asText("answer"),
                    must,
                    patterns(node.path("cite")),
                    patterns(node.path("mustNot")),
                    node.hasNonNull("src")));
        }
        return questions;
    }

    public static EvalResult score(EvalQuestion q, Answer answer) {
        String outcome = answer.outcome().code();
        boolean outcomeOk = switch (q.expect()) {
            case "answer" -> outcome.equals(Outcome.ANSWERED.code());
            case "either" -> outcome.equals(Outcome.ANSWERED.code()) || outcome.equals(Outcome.ESCALATE.code());
            case "escalate" -> outcome.equals(Outcome.ESCALATE.code());
            case "off_topic" -> outcome.equals(Outcome.OFF_TOPIC.code());
            default -> false;
        };
        double confidence = answer.confidence();
        if (!outcomeOk) {
            return new EvalResult(
                    q,
                    false,
                    outcome,
                    confidence,
                    answer.probability(),
                    "expected " + q.expect() + ", got " + outcome,
                    answer.source());
        }
        for (Pattern p : q.mustNot()) {
            if (p.matcher(answer.answer()).find()) {
                return new EvalResult(
                        q,
                        false,
                        outcome,
                        confidence,
                        answer.probability(),
                        "answer matches forbidden /" + p.pattern() + "/",
                        answer.source());
            }
        }
        if (q.expectsAnswer()) {
            String haystack = q.answerTextOnly()
                    ? answer.answer()
                    : answer.answer() + "\n"
                            + answer.citations().stream()
                                    .map(c -> String.join(
                                            "\n",
                                            c.title(),
                                            c.reference(),
                                            c.snippet(),
                                            c.id(),
                                            c.url() == null ? "" : c.url()))
                                    .collect(Collectors.joining("\n"));
            for (List<Pattern> group : q.must()) {
                if (group.stream().noneMatch(p -> p.matcher(haystack).find())) {
                    return new EvalResult(
                            q,
                            false,
                            outcome,
                            confidence,
                            answer.probability(),
                            "missing any of "
                                    + group.stream().map(Pattern::pattern).toList(),
                            answer.source());
                }
            }
            if (!q.cite().isEmpty() && answer.citations().stream().noneMatch(c -> citedBy(q.cite(), c))) {
                return new EvalResult(
                        q,
                        false,
                        outcome,
                        confidence,
                        answer.probability(),
                        "no citation matches "
                                + q.cite().stream().map(Pattern::pattern).toList(),
                        answer.source());
            }
        }
        return new EvalResult(q, true, outcome, confidence, answer.probability(), null, answer.source());
    }

    /** Asks every question and scores its answer. */
    public static List<EvalResult> results(List<EvalQuestion> questions, AnswerService answers) {
        return questions.stream()
                .map(q -> score(q, answers.ask(q.question(), Optional.empty())))
                .toList();
    }

    /**
     * Writes one JSON object a line per question (id, language, topic, expectation, outcome, confidence, the intent
     * model's own probability behind it, passed, failure, source): for reading a run afterwards, e.g. for fitting the
     * confidence calibration to how often answers were right.
     */
    public static void writeResults(List<EvalResult> results, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new ArrayList<>();
        for (EvalResult r : results) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", r.question().id());
            line.put("lang", r.question().lang());
            line.put("topic", r.question().topic());
            line.put("expect", r.question().expect());
            line.put("outcome", r.outcome());
            line.put("confidence", r.confidence());
            line.put("probability", Math.round(r.probability() * 10000) / 10000.0);
            line.put("passed", r.passed());
            line.put("failure", r.failure());
            line.put("source", r.source());
            lines.add(json.writeValueAsString(line));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** Prints the report of scored questions; returns the overall pass rate. */
    public static double report(List<EvalResult> results, PrintStream out) {
        double overall = rate(results);
        out.printf("overall: %.1f%% (%d/%d)%n", overall * 100, passed(results), results.size());
        print(
                out,
                "topic",
                results.stream()
                        .collect(Collectors.groupingBy(r -> r.question().topic(), TreeMap::new, Collectors.toList())));
        print(
                out,
                "language",
                results.stream()
                        .collect(Collectors.groupingBy(r -> r.question().lang(), TreeMap::new, Collectors.toList())));
        print(
                out,
                "expect",
                results.stream()
                        .collect(Collectors.groupingBy(r -> r.question().expect(), TreeMap::new, Collectors.toList())));
        List<EvalResult> answered = results.stream()
                .filter(r -> r.outcome().equals(Outcome.ANSWERED.code()))
                .toList();
        long wrong = answered.stream().filter(r -> !r.passed()).count();
        out.printf(
                "answered but wrong: %.1f%% (%d of %d answered)%n",
                answered.isEmpty() ? 0 : 100.0 * wrong / answered.size(), wrong, answered.size());
        List<EvalResult> mustEscalate = results.stream()
                .filter(r -> r.question().expect().equals("escalate"))
                .toList();
        out.printf(
                "must-escalate escalated: %d of %d%n",
                mustEscalate.stream()
                        .filter(r -> r.outcome().equals(Outcome.ESCALATE.code()))
                        .count(),
                mustEscalate.size());
        printConfusion(out, results);
        printCalibration(out, results);
        List<EvalResult> failures = results.stream().filter(r -> !r.passed()).toList();
        if (!failures.isEmpty()) {
            out.println("failures:");
            failures.forEach(r -> out.printf(
                    "  %s [%s] %s -> %s%n",
                    r.question().id(),
                    r.question().lang(),
                    r.question().question(),
                    r.failure() + " [" + r.source() + " " + r.confidence() + "]"));
        }
        return overall;
    }

    /**
     * Recall@3 of the right source: the share of answerable questions whose required content (all their
     * {@code must} groups) is found in the top three passages retrieved.
     */
    public static void printRecall(
            List<EvalQuestion> questions,
            Function<RetrievalMode, Retriever> retrievers,
            Function<String, Language> detector,
            PrintStream out) {
        List<EvalQuestion> answerable = questions.stream()
                .filter(q -> q.expectsAnswer() && !q.must().isEmpty())
                .toList();
        for (RetrievalMode mode : RetrievalMode.values()) {
            Retriever retriever = retrievers.apply(mode);
            long hits = answerable.stream()
                    .filter(q -> {
                        List<ScoredPassage> top = retriever
                                .search(q.question(), detector.apply(q.question()))
                                .passages();
                        String text = top.stream()
                                .limit(RECALL_DEPTH)
                                .map(ScoredPassage::passage)
                                .map(Evaluation::passageText)
                                .collect(Collectors.joining("\n"));
                        return q.must().stream()
                                .allMatch(group -> group.stream()
                                        .anyMatch(p -> p.matcher(text).find()));
                    })
                    .count();
            out.printf(
                    "recall@%d %-5s: %.1f%% (%d/%d)%n",
                    RECALL_DEPTH, mode.name().toLowerCase(), 100.0 * hits / answerable.size(), hits, answerable.size());
        }
    }

    /** Expected outcome (rows) against the outcome given (columns). */
    private static void printConfusion(PrintStream out, List<EvalResult> results) {
        List<String> given = Arrays.stream(Outcome.values()).map(Outcome::code).toList();
        out.printf("outcomes (expected \\ given): %-10s %-10s %-10s%n", given.toArray());
        for (String expected : List.of("answer", "either", "escalate", "off_topic")) {
            List<EvalResult> row = results.stream()
                    .filter(r -> r.question().expect().equals(expected))
                    .toList();
            if (!row.isEmpty()) {
                out.printf(
                        "  %-26s %-10d %-10d %-10d%n",
                        expected,
                        row.stream()
                                .filter(r -> r.outcome().equals(given.get(0)))
                                .count(),
                        row.stream()
                                .filter(r -> r.outcome().equals(given.get(1)))
                                .count(),
                        row.stream()
                                .filter(r -> r.outcome().equals(given.get(2)))
                                .count());
            }
        }
    }

    /**
     * Calibration: in each band of stated confidence, the share of answers that passed. A well calibrated helpdesk
     * is right about as often as it says.
     */
    private static void printCalibration(PrintStream out, List<EvalResult> results) {
        // Over answered questions only: there the confidence is the claim that the answer is right. An escalation
        // at low confidence is right because it is unsure, which says nothing about calibration.
        out.println("calibration of answered questions (confidence band: mean confidence, share right, count):");
        List<EvalResult> answered = results.stream()
                .filter(r -> r.outcome().equals(Outcome.ANSWERED.code()))
                .toList();
        for (int b = 0; b + 1 < BANDS.length; b++) {
            double low = BANDS[b];
            double high = BANDS[b + 1];
            List<EvalResult> band = answered.stream()
                    .filter(r -> r.confidence() >= low && r.confidence() < high)
                    .toList();
            if (!band.isEmpty()) {
                out.printf(
                        "  %.1f-%.1f: %.2f, %.1f%%, %d%n",
                        low,
                        Math.min(high, 1.0),
                        band.stream()
                                .mapToDouble(EvalResult::confidence)
                                .average()
                                .orElse(0),
                        rate(band) * 100,
                        band.size());
            }
        }
    }

    private static String passageText(Passage p) {
        return String.join("\n", p.documentId(), p.title(), p.reference(), p.url(), p.text());
    }

    private static boolean citedBy(List<Pattern> patterns, Citation c) {
        return patterns.stream()
                .anyMatch(p -> p.matcher(c.title()).find()
                        || p.matcher(c.reference()).find()
                        || p.matcher(c.id()).find());
    }

    private static void print(PrintStream out, String label, Map<String, List<EvalResult>> groups) {
        groups.forEach((key, list) ->
                out.printf("  %s %-12s %.1f%% (%d/%d)%n", label, key, rate(list) * 100, passed(list), list.size()));
    }

    private static long passed(List<EvalResult> results) {
        return results.stream().filter(EvalResult::passed).count();
    }

    private static double rate(List<EvalResult> results) {
        return results.isEmpty() ? 0 : (double) passed(results) / results.size();
    }

    private static List<Pattern> patterns(JsonNode node) {
        List<Pattern> patterns = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(
                    v -> patterns.add(Pattern.compile(v.asText(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
        } else if (node.isTextual()) {
            patterns.add(Pattern.compile(node.asText(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
        return patterns;
    }

    private Evaluation() {}
}
