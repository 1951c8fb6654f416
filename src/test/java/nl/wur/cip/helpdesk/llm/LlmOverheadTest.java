package nl.wur.cip.helpdesk.llm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import nl.wur.cip.helpdesk.TestHelpdesk;
import nl.wur.cip.helpdesk.answer.AnswerService;
import org.junit.jupiter.api.Test;

/**
 * The cost of the LLM path besides the model's own time: the same 200 questions answered extractively and through
 * a fake model that replies at once (prompt building, the local HTTP round trip, JSON, the output check).
 * Run: {@code mvn -o -q test -Dtest=LlmOverheadTest}; it prints p50/p99 per path.
 */
class LlmOverheadTest {
    private static final int ASKS = 200;

    @Test
    void measureTheOverheadOfTheLlmPath() throws Exception {
        AnswerService extractive = TestHelpdesk.passagesOnly();
        String question = LlmAnswerServiceTest.QUESTION;
        try (FakeOpenAi fake = new FakeOpenAi().reply(FakeOpenAi.Reply.text(LlmAnswerServiceTest.GROUNDED));
                LlmAnswerService llm = LlmAnswerService.create(extractive, fake.config(Duration.ofSeconds(10), 2))) {
            List<String> questions = List.of(
                    question,
                    "Which provision of the Software Directive matters for mining source code?",
                    "How does the Auteurswet implement the reproduction right for databases in text mining?");
            // Interleaved, so drift in a shared machine's load hits all three paths alike.
            List<Ask> paths = List.of(
                    q -> extractive.ask(q, Optional.empty()),
                    q -> assertNotDegraded(llm.ask(q, Optional.empty())),
                    q -> assertNotDegraded(llm.ask(q, Optional.empty(), Optional.empty(), t -> {})));
            double[][] ms = time(questions, paths);
            double[] plain = ms[0];
            double[] blocking = ms[1];
            double[] streaming = ms[2];
            report("extractive only", plain);
            report("LLM, blocking (fake model, instant)", blocking);
            report("LLM, streaming (fake model, instant)", streaming);
            System.out.printf(
                    "overhead p50: blocking +%.2f ms, streaming +%.2f ms%n",
                    percentile(blocking, 50) - percentile(plain, 50),
                    percentile(streaming, 50) - percentile(plain, 50));
            assertTrue(percentile(blocking, 50) - percentile(plain, 50) < 250, "the LLM path adds little of its own");
        }
    }

    private static Object assertNotDegraded(LlmAnswerService.Result result) {
        // Questions the policy does not answer skip the model; those that do reach it must pass the check.
        if (result.answer().source().startsWith("llm:")
                || result.answer().outcome().code().equals("answered")) {
            assertFalse(result.degraded());
        }
        return result;
    }

    private interface Ask {
        Object ask(String question) throws Exception;
    }

    private static double[][] time(List<String> questions, List<Ask> paths) throws Exception {
        for (int i = 0; i < 40; i++) { // warm up
            for (Ask path : paths) {
                path.ask(questions.get(i % questions.size()));
            }
        }
        double[][] ms = new double[paths.size()][ASKS];
        for (int i = 0; i < ASKS; i++) {
            for (int p = 0; p < paths.size(); p++) {
                long start = System.nanoTime();
                paths.get(p).ask(questions.get(i % questions.size()));
                ms[p][i] = (System.nanoTime() - start) / 1e6;
            }
        }
        for (double[] path : ms) {
            Arrays.sort(path);
        }
        return ms;
    }

    private static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void report(String name, double[] ms) {
        System.out.printf(
                "%-40s %d asks: p50 %.2f ms, p99 %.2f ms%n", name, ms.length, percentile(ms, 50), percentile(ms, 99));
    }
}
