package nl.wur.cip.helpdesk.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.wur.cip.helpdesk.answer.Answer;
import nl.wur.cip.helpdesk.answer.Outcome;
import nl.wur.cip.helpdesk.knowledge.Citation;
import nl.wur.cip.helpdesk.knowledge.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {
    private static Answer answer(Outcome outcome, String text, Citation... citations) {
        return new Answer(
                text, outcome, Language.EN, 0.8, 0.5, List.of(citations), null, List.of(), "disclaimer", "test");
    }

    private static EvalQuestion question(Path dir, String json) throws Exception {
        Path file = dir.resolve("q.jsonl");
        Files.writeString(file, json + "\n");
        return Evaluation.read(file).get(0);
    }

    @Test
    void mustGroupsMatchTheAnswerOrTheCitations(@TempDir Path dir) throws Exception {
        EvalQuestion q = question(
                dir,
                "{\"id\":\"x\",\"lang\":\"en\",\"topic\":\"law\",\"question\":\"?\",\"expect\":\"answer\","
                        + "\"must\":[[\"article 3\",\"art\\\\. ?3\"],[\"research\"]]}");
        Citation art3 =
                new Citation("dsm-art-3", "TDM for research", "Directive (EU) 2019/790, Art. 3", null, "snippet", "en");
        assertTrue(Evaluation.score(q, answer(Outcome.ANSWERED, "Yes, for scientific research.", art3))
                .passed());
        EvalResult missing = Evaluation.score(q, answer(Outcome.ANSWERED, "Yes, for scientific research."));
        assertFalse(missing.passed());
        assertTrue(missing.failure().contains("missing"));
    }

    @Test
    void theOutcomeMustBeOneTheQuestionAllows(@TempDir Path dir) throws Exception {
        EvalQuestion either = question(dir, "{\"id\":\"e\",\"question\":\"?\",\"expect\":\"either\",\"must\":[]}");
        assertTrue(Evaluation.score(either, answer(Outcome.ESCALATE, "ask the CIP"))
                .passed());
        assertFalse(Evaluation.score(either, answer(Outcome.OFF_TOPIC, "no")).passed());
        EvalQuestion offTopic = question(dir, "{\"id\":\"o\",\"question\":\"?\",\"expect\":\"off_topic\"}");
        assertTrue(Evaluation.score(offTopic, answer(Outcome.OFF_TOPIC, "only copyright"))
                .passed());
        assertEquals(
                "expected off_topic, got answered",
                Evaluation.score(offTopic, answer(Outcome.ANSWERED, "x")).failure());
    }

    @Test
    void mustNotAndCiteAreChecked(@TempDir Path dir) throws Exception {
        EvalQuestion q = question(
                dir,
                "{\"id\":\"a\",\"question\":\"?\",\"expect\":\"either\",\"must\":[],"
                        + "\"mustNot\":[\"does not apply\"],\"cite\":[\"15n\"]}");
        Citation aw = new Citation("aw-art-15n", "Auteurswet 15n", "Auteurswet, Art. 15n", null, "s", "en");
        assertTrue(
                Evaluation.score(q, answer(Outcome.ANSWERED, "It applies.", aw)).passed());
        assertFalse(Evaluation.score(q, answer(Outcome.ANSWERED, "Copyright does not apply.", aw))
                .passed());
        assertFalse(Evaluation.score(q, answer(Outcome.ANSWERED, "It applies.")).passed());
    }

    @Test
    void aBrokenLineIsReportedWithItsNumber(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"id\":\"ok\",\"question\":\"?\"}\n{broken\n");
        Exception e =
                org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> Evaluation.read(file));
        assertTrue(e.getMessage().contains(":2:"), e.getMessage());
    }
}
