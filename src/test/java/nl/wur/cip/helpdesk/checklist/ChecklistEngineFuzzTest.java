package nl.wur.cip.helpdesk.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.wur.cip.helpdesk.knowledge.Language;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes {@link ChecklistEngine#assess} over the shipped checklist with arbitrary answer maps: only a
 * {@link ChecklistException} may refuse them. Regression inputs live in
 * {@code src/test/resources/nl/wur/cip/helpdesk/checklist/ChecklistEngineFuzzTestInputs/answersFromAnyClient/};
 * {@code JAZZER_FUZZ=1} fuzzes (see the README, "Bad input").
 */
class ChecklistEngineFuzzTest {
    private static final Checklist CHECKLIST = new ChecklistLoader().load(Path.of("knowledge/checklist/checklist.yml"));
    private static final ChecklistEngine ENGINE = new ChecklistEngine(CHECKLIST);
    private static final Set<String> LEVELS =
            CHECKLIST.levels().stream().map(Checklist.Level::id).collect(Collectors.toSet());

    /**
     * The input is UTF-8 text, one answer a line: {@code question=option}. {@code #n} as a question names the n-th
     * question of the checklist and {@code #m} as an option the m-th option of that question, so the fuzzer reaches
     * real paths; a line without {@code =} answers with null; {@code walk:0120} follows the tree from the start,
     * taking the option of each digit; {@code @nl} asks in Dutch.
     */
    @FuzzTest(maxDuration = "5m")
    void answersFromAnyClient(byte[] data) {
        Language language = Language.EN;
        Map<String, String> answers = new LinkedHashMap<>();
        for (String line : new String(data, StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.equals("@nl")) {
                language = Language.NL;
            } else if (line.startsWith("walk:")) {
                walk(line.substring(5), answers);
            } else if (!line.isEmpty()) {
                int eq = line.indexOf('=');
                String key = question(eq < 0 ? line : line.substring(0, eq));
                answers.put(key, eq < 0 ? null : option(key, line.substring(eq + 1)));
            }
        }
        Assessment assessment;
        try {
            assessment = ENGINE.assess(answers, language);
        } catch (ChecklistException e) {
            assertNotNull(e.getMessage());
            return;
        }
        check(answers, assessment);
        // The order in which the answers arrive does not matter.
        List<Map.Entry<String, String>> entries = new ArrayList<>(answers.entrySet());
        Collections.reverse(entries);
        Map<String, String> reversed = new LinkedHashMap<>();
        entries.forEach(e -> reversed.put(e.getKey(), e.getValue()));
        assertEquals(assessment, ENGINE.assess(reversed, language));
        assertEquals(assessment, ENGINE.assess(new HashMap<>(answers), language));
    }

    /** The walk seeds reach verdicts and the index seeds reach the engine's refusals. */
    @Test
    void seedInputsReachVerdictsAndRefusals() {
        Map<String, String> first = new LinkedHashMap<>();
        walk("0000000000000000", first);
        Assessment verdict = ENGINE.assess(first, Language.EN);
        assertTrue(verdict.complete());
        check(first, verdict);
        Map<String, String> outOfOrder = new LinkedHashMap<>();
        walk("0", outOfOrder);
        outOfOrder.put(
                CHECKLIST.questions().get(CHECKLIST.questions().size() - 1).id(), "x");
        assertThrows(ChecklistException.class, () -> ENGINE.assess(outOfOrder, Language.NL));
        Map<String, String> nullAnswer = new HashMap<>();
        nullAnswer.put(CHECKLIST.start(), null);
        assertThrows(ChecklistException.class, () -> ENGINE.assess(nullAnswer, Language.EN));
    }

    private static void check(Map<String, String> answers, Assessment assessment) {
        // Every answer given was on the path and consumed exactly once, with the option given.
        assertEquals(answers.size(), assessment.steps().size());
        for (Assessment.Step step : assessment.steps()) {
            assertEquals(answers.get(step.questionId()), step.optionId());
            Checklist.Question question = CHECKLIST.question(step.questionId()).orElseThrow();
            assertTrue(question.option(step.optionId()).isPresent());
        }
        if (!assessment.steps().isEmpty()) {
            assertEquals(CHECKLIST.start(), assessment.steps().get(0).questionId());
        }
        if (assessment.complete()) {
            assertNull(assessment.next());
            assertNotNull(assessment.verdict());
            assertTrue(
                    LEVELS.contains(assessment.verdict().level()),
                    assessment.verdict().level());
            assertFalse(assessment.verdict().title().isBlank());
            assertFalse(assessment.levels().isEmpty());
            assertEquals(
                    assessment.verdict(),
                    assessment.levels().get(assessment.levels().size() - 1));
        } else {
            assertNull(assessment.verdict());
            assertTrue(assessment.levels().isEmpty());
            assertNotNull(assessment.next());
            assertFalse(answers.containsKey(assessment.next().id()));
            assertFalse(assessment.next().options().isEmpty());
            assertTrue(CHECKLIST.question(assessment.next().id()).isPresent());
        }
    }

    private static void walk(String digits, Map<String, String> answers) {
        Checklist.Question current = CHECKLIST.question(CHECKLIST.start()).orElseThrow();
        for (char c : digits.toCharArray()) {
            if (current == null) {
                return;
            }
            Checklist.Option option = current.options()
                    .get(Math.floorMod(c - '0', current.options().size()));
            answers.put(current.id(), option.id());
            current = Checklist.END.equals(option.next())
                    ? null
                    : CHECKLIST.question(option.next()).orElse(null);
        }
    }

    private static String question(String key) {
        if (key.startsWith("#")
                && key.length() > 1
                && key.substring(1).chars().allMatch(Character::isDigit)
                && key.length() < 9) {
            return CHECKLIST
                    .questions()
                    .get(Integer.parseInt(key.substring(1))
                            % CHECKLIST.questions().size())
                    .id();
        }
        return key;
    }

    private static String option(String question, String value) {
        if (value.startsWith("#")
                && value.length() > 1
                && value.substring(1).chars().allMatch(Character::isDigit)
                && value.length() < 9) {
            List<Checklist.Option> options = CHECKLIST
                    .question(question)
                    .orElse(CHECKLIST.questions().get(0))
                    .options();
            return options.get(Integer.parseInt(value.substring(1)) % options.size())
                    .id();
        }
        return value;
    }
}
