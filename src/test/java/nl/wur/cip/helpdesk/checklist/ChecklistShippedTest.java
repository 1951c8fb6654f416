package nl.wur.cip.helpdesk.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.wur.cip.helpdesk.knowledge.KnowledgeBase;
import nl.wur.cip.helpdesk.knowledge.KnowledgeDocument;
import nl.wur.cip.helpdesk.knowledge.KnowledgeLoader;
import nl.wur.cip.helpdesk.knowledge.Language;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Checks the shipped checklist.yml as the copyright office will edit it: every path, every id, both languages. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChecklistShippedTest {
    /** Every this-many-th path is also run through the engine; all of them would take some 20 seconds. */
    private static final int ENGINE_SAMPLE = 97;

    private Checklist checklist;
    private ChecklistEngine engine;
    private Set<String> knowledgeIds;

    private final Map<String, Integer> rank = new HashMap<>();
    private final Set<String> optionsSeen = new HashSet<>();
    private final Set<String> questionsSeen = new HashSet<>();
    private final Set<String> verdictsSeen = new LinkedHashSet<>();
    private long paths;
    private long engineChecks;

    @BeforeAll
    void load() {
        KnowledgeBase kb = new KnowledgeLoader().load(Path.of("knowledge"));
        knowledgeIds = kb.documents().stream().map(KnowledgeDocument::id).collect(Collectors.toSet());
        checklist = new ChecklistLoader().load(Path.of("knowledge/checklist/checklist.yml"), knowledgeIds);
        engine = new ChecklistEngine(checklist);
        for (int i = 0; i < checklist.levels().size(); i++) {
            rank.put(checklist.levels().get(i).id(), i);
        }
    }

    @Test
    void everyPathEndsInAVerdictWithoutCyclesAndReachesEveryOption() {
        walk(checklist.start(), new LinkedHashMap<>(), 0);
        assertTrue(paths > 1000, "only " + paths + " paths");
        assertTrue(engineChecks > 1000, "engine checked on only " + engineChecks + " paths");
        for (Checklist.Question q : checklist.questions()) {
            assertTrue(questionsSeen.contains(q.id()), "question never reached: " + q.id());
            for (Checklist.Option o : q.options()) {
                assertTrue(optionsSeen.contains(q.id() + "/" + o.id()), "option never reached: " + q.id() + "/" + o.id());
            }
        }
        List<String> levelIds = checklist.levels().stream().map(Checklist.Level::id).toList();
        assertEquals(Set.copyOf(levelIds), verdictsSeen, "every level should be the verdict of some path");
    }

    /**
     * Depth-first over every path. {@code answers} doubles as the set of questions on the current
     * path, so meeting one again is a cycle.
     */
    private void walk(String questionId, LinkedHashMap<String, String> answers, int level) {
        if (Checklist.END.equals(questionId)) {
            paths++;
            String expected = checklist.levels().get(level).id();
            verdictsSeen.add(expected);
            if (paths % ENGINE_SAMPLE == 0) {
                checkWithEngine(answers, expected);
            }
            return;
        }
        if (answers.containsKey(questionId)) {
            fail("cycle: " + String.join(" → ", answers.keySet()) + " → " + questionId);
        }
        Checklist.Question question = checklist.question(questionId).orElseThrow(() -> new AssertionError("dangling next " + questionId));
        questionsSeen.add(questionId);
        for (Checklist.Option option : question.options()) {
            String key = questionId + "/" + option.id();
            boolean firstTime = optionsSeen.add(key);
            answers.put(questionId, option.id());
            int next = option.level() == null ? level : Math.max(level, rank.get(option.level()));
            // Completing one path through each option with the engine as well covers the rarely sampled ones.
            if (firstTime) {
                checkFirstCompletion(answers, option.next(), next);
            }
            walk(option.next(), answers, next);
            answers.remove(questionId);
        }
    }

    /** Completes the path by always taking the first option, and checks the engine agrees. */
    private void checkFirstCompletion(LinkedHashMap<String, String> prefix, String next, int level) {
        LinkedHashMap<String, String> answers = new LinkedHashMap<>(prefix);
        String id = next;
        while (!Checklist.END.equals(id)) {
            Checklist.Option first = checklist.question(id).orElseThrow().options().get(0);
            answers.put(id, first.id());
            if (first.level() != null) {
                level = Math.max(level, rank.get(first.level()));
            }
            id = first.next();
        }
        checkWithEngine(answers, checklist.levels().get(level).id());
    }

    private void checkWithEngine(Map<String, String> answers, String expectedLevel) {
        engineChecks++;
        Assessment assessment = engine.assess(answers, engineChecks % 2 == 0 ? Language.EN : Language.NL);
        assertTrue(assessment.complete(), "incomplete: " + answers);
        assertNull(assessment.next());
        assertNotNull(assessment.verdict(), "no verdict: " + answers);
        assertEquals(expectedLevel, assessment.verdict().level(), "verdict for " + answers);
        assertEquals(answers.size(), assessment.steps().size());
        assertFalse(assessment.cites().isEmpty());
    }

    @Test
    void everyCiteResolvesToAKnowledgeDocument() {
        assertEquals(List.of(), new ChecklistLoader().validate(checklist, knowledgeIds));
        Set<String> cited = new HashSet<>();
        checklist.questions().forEach(q -> cited.addAll(q.cites()));
        checklist.levels().forEach(l -> cited.addAll(l.cites()));
        checklist.conditions().values().forEach(c -> cited.addAll(c.cites()));
        checklist.flags().values().forEach(f -> cited.addAll(f.cites()));
        cited.forEach(id -> assertTrue(knowledgeIds.contains(id), "unknown cite " + id));
        assertTrue(cited.containsAll(Set.of("dsm-art-3", "dsm-art-4", "aw-art-15n", "aw-art-15o", "cip-2021-training-ai")));
    }

    @Test
    void everyQuestionLevelConditionAndFlagCitesSomething() {
        checklist.questions().forEach(q -> assertFalse(q.cites().isEmpty(), "question " + q.id() + " cites nothing"));
        checklist.levels().forEach(l -> assertFalse(l.cites().isEmpty(), "level " + l.id() + " cites nothing"));
        checklist.conditions().values().forEach(c -> assertFalse(c.cites().isEmpty(), "condition " + c.id() + " cites nothing"));
    }

    @Test
    void bothLanguagesAreCompleteEverywhere() {
        List<String> problems = new ArrayList<>();
        for (Checklist.Question q : checklist.questions()) {
            check(problems, "question " + q.id() + " text", q.text());
            check(problems, "question " + q.id() + " help", q.help());
            q.options().forEach(o -> check(problems, "option " + q.id() + "/" + o.id(), o.label()));
        }
        for (Checklist.Level l : checklist.levels()) {
            check(problems, "level " + l.id() + " title", l.title());
            check(problems, "level " + l.id() + " text", l.text());
        }
        checklist.conditions().values().forEach(c -> check(problems, "condition " + c.id(), c.text()));
        checklist.flags().values().forEach(f -> check(problems, "flag " + f.id(), f.text()));
        assertEquals(List.of(), problems);
    }

    private static void check(List<String> problems, String where, Checklist.Text text) {
        if (text.en() == null || text.en().isBlank()) {
            problems.add(where + ": English missing");
        }
        if (text.nl() == null || text.nl().isBlank()) {
            problems.add(where + ": Dutch missing");
        }
        // The same text in both slots is usually English pasted where the Dutch should go.
        if (text.en() != null && text.en().equals(text.nl())) {
            problems.add(where + ": Dutch is the same as English");
        }
    }

    @Test
    void helpIsOneLineAndShort() {
        for (Checklist.Question q : checklist.questions()) {
            for (Language language : Language.values()) {
                String help = q.help().in(language);
                assertFalse(help.contains("\n"), q.id() + " help has several lines");
                assertTrue(help.length() <= 200, q.id() + " help is " + help.length() + " characters");
            }
        }
    }

    @Test
    void everyConditionAndFlagIsUsed() {
        Set<String> conditions = new HashSet<>();
        Set<String> flags = new HashSet<>();
        checklist.questions().forEach(q -> q.options().forEach(o -> {
            conditions.addAll(o.conditions());
            flags.addAll(o.flags());
        }));
        assertEquals(checklist.conditions().keySet(), conditions);
        assertEquals(checklist.flags().keySet(), flags);
    }

    @Test
    void levelsAreInTheAgreedOrder() {
        assertEquals(List.of("research_exception", "general_exception", "permission_needed", "unclear"),
                checklist.levels().stream().map(Checklist.Level::id).toList());
        assertNotEquals("", checklist.version());
    }

    @Test
    void coversTheTopicsTheOfficeAskedFor() {
        for (String id : List.of("material", "personal_data", "source", "lawfulness", "who", "purpose", "opt_out",
                "server_load", "storage", "sharing", "retention", "publication")) {
            assertTrue(checklist.question(id).isPresent(), "missing question " + id);
        }
        assertTrue(checklist.conditions().keySet().containsAll(Set.of("store_securely", "delete_when_done", "no_sharing",
                "do_not_publish_dataset", "respect_terms", "lawful_access", "check_optouts")));
        assertTrue(checklist.flags().keySet().containsAll(Set.of("personal_data", "software", "model_reproduction")));
    }
}
