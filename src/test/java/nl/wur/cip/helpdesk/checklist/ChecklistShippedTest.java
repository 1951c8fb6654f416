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
import nl.wur.cip.helpdesk.knowledge.Bilingual;
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
        walk(checklist.start(), new LinkedHashMap<>(), 0L, null);
        assertTrue(paths > 1000, "only " + paths + " paths");
        assertTrue(engineChecks > 1000, "engine checked on only " + engineChecks + " paths");
        for (Checklist.Question q : checklist.questions()) {
            assertTrue(questionsSeen.contains(q.id()), "question never reached: " + q.id());
            for (Checklist.Option o : q.options()) {
                assertTrue(
                        optionsSeen.contains(q.id() + "/" + o.id()), "option never reached: " + q.id() + "/" + o.id());
            }
        }
        List<String> levelIds =
                checklist.levels().stream().map(Checklist.Level::id).toList();
        assertEquals(Set.copyOf(levelIds), verdictsSeen, "every level should be the verdict of some path");
    }

    /** The levels a path reached, as a bit per level rank, best first; the first level when none. */
    private List<String> levels(long reached) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < checklist.levels().size(); i++) {
            if ((reached & (1L << i)) != 0) {
                ids.add(checklist.levels().get(i).id());
            }
        }
        return ids.isEmpty() ? List.of(checklist.levels().get(0).id()) : ids;
    }

    /** Adds the option's level on the path's track (the track after the option) to {@code reached}. */
    private long reach(long reached, Checklist.Option option, String track) {
        if (option.levelDependsOnTrack()) {
            assertNotNull(track, "level per track before the track is set: " + option.id());
        }
        String level = option.levelOn(track);
        return level == null ? reached : reached | (1L << rank.get(level));
    }

    /**
     * Depth-first over every path, with the track it is on and the levels it reached. {@code answers} doubles as the
     * set of questions on the current path, so meeting one again is a cycle.
     */
    private void walk(String questionId, LinkedHashMap<String, String> answers, long reached, String track) {
        if (Checklist.END.equals(questionId)) {
            paths++;
            List<String> expected = levels(reached);
            verdictsSeen.add(expected.get(expected.size() - 1));
            if (paths % ENGINE_SAMPLE == 0) {
                checkWithEngine(answers, expected, track);
            }
            return;
        }
        if (answers.containsKey(questionId)) {
            fail("cycle: " + String.join(" → ", answers.keySet()) + " → " + questionId);
        }
        Checklist.Question question =
                checklist.question(questionId).orElseThrow(() -> new AssertionError("dangling next " + questionId));
        questionsSeen.add(questionId);
        for (Checklist.Option option : question.options()) {
            String key = questionId + "/" + option.id();
            boolean firstTime = optionsSeen.add(key);
            answers.put(questionId, option.id());
            if (option.track() != null) {
                assertTrue(track == null || track.equals(option.track()), "a path changes track at " + key);
            }
            String after = option.track() != null ? option.track() : track;
            long next = reach(reached, option, after);
            // Completing one path through each option with the engine as well covers the rarely sampled ones.
            if (firstTime) {
                checkFirstCompletion(answers, option.next(), next, after);
            }
            walk(option.next(), answers, next, after);
            answers.remove(questionId);
        }
    }

    /** Completes the path by always taking the first option, and checks the engine agrees. */
    private void checkFirstCompletion(LinkedHashMap<String, String> prefix, String next, long reached, String track) {
        LinkedHashMap<String, String> answers = new LinkedHashMap<>(prefix);
        String id = next;
        while (!Checklist.END.equals(id)) {
            Checklist.Option first =
                    checklist.question(id).orElseThrow().options().get(0);
            answers.put(id, first.id());
            track = first.track() != null ? first.track() : track;
            reached = reach(reached, first, track);
            id = first.next();
        }
        checkWithEngine(answers, levels(reached), track);
    }

    private void checkWithEngine(Map<String, String> answers, List<String> expectedLevels, String track) {
        engineChecks++;
        Language language = engineChecks % 2 == 0 ? Language.EN : Language.NL;
        Assessment assessment = engine.assess(answers, language);
        assertTrue(assessment.complete(), "incomplete: " + answers);
        assertNull(assessment.next());
        assertNotNull(assessment.verdict(), "no verdict: " + answers);
        assertEquals(
                expectedLevels.get(expectedLevels.size() - 1),
                assessment.verdict().level(),
                "verdict for " + answers);
        assertEquals(
                expectedLevels,
                assessment.levels().stream().map(Assessment.Verdict::level).toList(),
                "levels for " + answers);
        assertEquals(
                assessment.verdict(),
                assessment.levels().get(assessment.levels().size() - 1));
        // Every condition is worded for the track the path ended on.
        for (Assessment.Note note : assessment.conditions()) {
            Checklist.Condition condition = checklist.conditions().get(note.id());
            assertEquals(
                    condition.on(track).orElseThrow().text().in(language),
                    note.text(),
                    note.id() + " on track " + track);
        }
        assertEquals(answers.size(), assessment.steps().size());
        assertFalse(assessment.cites().isEmpty());
    }

    @Test
    void everyCiteResolvesToAKnowledgeDocument() {
        assertEquals(List.of(), new ChecklistLoader().validate(checklist, knowledgeIds));
        Set<String> cited = new HashSet<>();
        checklist.questions().forEach(q -> cited.addAll(q.cites()));
        checklist.levels().forEach(l -> cited.addAll(l.cites()));
        checklist.conditions().values().forEach(c -> c.wordings().forEach(w -> cited.addAll(w.cites())));
        checklist.flags().values().forEach(f -> cited.addAll(f.cites()));
        cited.forEach(id -> assertTrue(knowledgeIds.contains(id), "unknown cite " + id));
        assertTrue(cited.containsAll(
                Set.of("dsm-art-3", "dsm-art-4", "aw-art-15n", "aw-art-15o", "cip-2021-training-ai", "aw-art-16")));
    }

    @Test
    void everyQuestionLevelConditionAndFlagCitesSomething() {
        checklist.questions().forEach(q -> assertFalse(q.cites().isEmpty(), "question " + q.id() + " cites nothing"));
        checklist.levels().forEach(l -> assertFalse(l.cites().isEmpty(), "level " + l.id() + " cites nothing"));
        checklist
                .conditions()
                .values()
                .forEach(c -> c.wordings()
                        .forEach(w -> assertFalse(w.cites().isEmpty(), "condition " + c.id() + " cites nothing")));
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
        checklist
                .conditions()
                .values()
                .forEach(c -> c.wordings().forEach(w -> check(problems, "condition " + c.id(), w.text())));
        checklist.flags().values().forEach(f -> check(problems, "flag " + f.id(), f.text()));
        assertEquals(List.of(), problems);
    }

    private static void check(List<String> problems, String where, Bilingual text) {
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
        checklist
                .questions()
                .forEach(q -> q.options().forEach(o -> {
                    conditions.addAll(o.conditions());
                    flags.addAll(o.flags());
                }));
        assertEquals(checklist.conditions().keySet(), conditions);
        assertEquals(checklist.flags().keySet(), flags);
    }

    @Test
    void theTracksAreSetByWhoAndPurposeAndStorageSharingRetentionAndTermsAreWordedPerTrack() {
        assertEquals(List.of("research", "general"), checklist.tracks());
        assertEquals(
                "general",
                checklist
                        .question("who")
                        .orElseThrow()
                        .option("company")
                        .orElseThrow()
                        .track());
        Checklist.Question purpose = checklist.question("purpose").orElseThrow();
        assertEquals(
                "research", purpose.option("scientific_research").orElseThrow().track());
        for (String id : List.of("teaching", "commercial", "other")) {
            assertEquals("general", purpose.option(id).orElseThrow().track(), id);
        }
        for (String id : List.of("store_securely", "no_sharing", "delete_when_done", "respect_terms")) {
            Checklist.Condition condition = checklist.conditions().get(id);
            assertEquals(
                    List.of("research", "general"),
                    List.copyOf(condition.tracks().keySet()),
                    id);
            assertTrue(condition.on("research").orElseThrow().cites().contains("dsm-art-3"), id);
            assertTrue(condition.on("general").orElseThrow().cites().contains("dsm-art-4"), id);
        }
        Checklist.Option outside = checklist
                .question("storage")
                .orElseThrow()
                .option("outside_wur")
                .orElseThrow();
        assertEquals("unclear", outside.levelOn("research"));
        assertNull(outside.levelOn("general"), "Art. 4 has no storage rule");
    }

    @Test
    void theVersionIsBumpedForTheDecemberReview() {
        assertEquals("2026-12-02", checklist.version());
    }

    @Test
    void levelsAreInTheAgreedOrder() {
        assertEquals(
                List.of("research_exception", "general_exception", "permission_needed", "unclear"),
                checklist.levels().stream().map(Checklist.Level::id).toList());
        assertNotEquals("", checklist.version());
    }

    @Test
    void coversTheTopicsTheOfficeAskedFor() {
        for (String id : List.of(
                "material",
                "personal_data",
                "source",
                "lawfulness",
                "who",
                "purpose",
                "opt_out",
                "server_load",
                "storage",
                "sharing",
                "retention",
                "publication")) {
            assertTrue(checklist.question(id).isPresent(), "missing question " + id);
        }
        assertTrue(checklist
                .conditions()
                .keySet()
                .containsAll(Set.of(
                        "store_securely",
                        "delete_when_done",
                        "no_sharing",
                        "do_not_publish_dataset",
                        "respect_terms",
                        "lawful_access",
                        "check_optouts")));
        assertTrue(checklist
                .flags()
                .keySet()
                .containsAll(Set.of("personal_data", "software", "model_reproduction", "teaching")));
    }
}
