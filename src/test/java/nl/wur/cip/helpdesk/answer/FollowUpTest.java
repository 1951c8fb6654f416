package nl.wur.cip.helpdesk.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import nl.wur.cip.helpdesk.TestHelpdesk;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, follow-ups in context: {@code eval/followups.jsonl} holds 20 pairs (10 English, 10 Dutch) of a question
 * and a follow-up that alone would get another card or none, and 12 topic switches, new questions that stand on their
 * own and must be answered as if asked first.
 */
class FollowUpTest {
    private record Case(String id, String previous, String question, Optional<Pattern> card) {}

    private static List<Case> cases() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/eval/followups.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = mapper.readTree(line);
            cases.add(new Case(
                    n.get("id").asText(),
                    n.get("previous").asText(),
                    n.get("question").asText(),
                    Optional.ofNullable(n.get("card")).map(c -> Pattern.compile("\\bcard:(" + c.asText() + ")\\b"))));
        }
        return cases;
    }

    @Test
    void followUpsAreAnsweredWithThePreviousTopicAndNewQuestionsAreNotPulledBack() throws IOException {
        AnswerService answers = TestHelpdesk.shared().answers();
        int pairs = 0;
        int inContext = 0;
        int switches = 0;
        int keptApart = 0;
        List<String> misses = new ArrayList<>();
        List<String> trivial = new ArrayList<>();
        for (Case c : cases()) {
            Answer alone = answers.askWithRetrieval(c.question(), Optional.empty(), Optional.empty())
                    .answer();
            Answer followed = answers.askWithRetrieval(c.question(), Optional.empty(), Optional.of(c.previous()))
                    .answer();
            if (c.card().isPresent()) {
                pairs++;
                if (alone.outcome() == Outcome.ANSWERED
                        && c.card().get().matcher(alone.source()).find()) {
                    trivial.add(c.id() + " " + c.question() + " (alone: " + alone.source() + ")");
                }
                // The card's own outcome counts: some topics' cards send the researcher to the office.
                boolean right = followed.outcome() != Outcome.OFF_TOPIC
                        && c.card().get().matcher(followed.source()).find();
                if (right) {
                    inContext++;
                } else {
                    misses.add(c.id() + " " + c.question() + " -> " + followed.outcome() + " " + followed.source()
                            + " (alone: " + alone.source() + ")");
                }
            } else {
                switches++;
                if (followed.source().equals(alone.source())
                        && followed.answer().equals(alone.answer())) {
                    keptApart++;
                } else {
                    misses.add(c.id() + " switch pulled back: " + c.question() + " -> " + followed.source()
                            + " (alone: " + alone.source() + ")");
                }
            }
        }
        System.out.printf(
                "follow-ups answered in context: %d of %d; topic switches kept apart: %d of %d%n%s%n",
                inContext, pairs, keptApart, switches, String.join("\n", misses));
        assertTrue(
                trivial.isEmpty(), "alone these follow-ups already get their card, so they test nothing: " + trivial);
        assertEquals(20, pairs);
        assertEquals(12, switches);
        assertEquals(switches, keptApart, "a new question is answered as if asked first: " + misses);
        assertTrue(inContext >= 18, "follow-ups in context " + inContext + " of " + pairs + ": " + misses);
    }

    @Test
    void withoutAPreviousQuestionNothingChanges() {
        AnswerService answers = TestHelpdesk.shared().answers();
        String question = "And which article of the Dutch act says so?";
        Answer plain = answers.ask(question, Optional.empty());
        Answer empty = answers.askWithRetrieval(question, Optional.empty(), Optional.of("  "))
                .answer();
        assertEquals(plain, empty);
    }
}
