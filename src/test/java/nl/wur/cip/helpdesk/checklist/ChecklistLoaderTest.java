package nl.wur.cip.helpdesk.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.wur.cip.helpdesk.knowledge.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader on small trees, each broken in one way, as the office might break the real one. */
class ChecklistLoaderTest {
    @TempDir
    Path dir;

    private static final String VALID = """
            version: "2026-11-25"
            start: who
            questions:
              - id: who
                text: {en: Who will mine, nl: Wie gaat minen}
                help: {en: The exception depends on who., nl: De uitzondering hangt af van wie.}
                cites: [dsm-art-3]
                options:
                  - id: researcher
                    label: {en: A researcher, nl: Een onderzoeker}
                    next: purpose
                    conditions: [secure]
                  - id: company
                    label: {en: A company, nl: Een bedrijf}
                    next: end
                    level: general
                    flags: [privacy]
              - id: purpose
                text: {en: For what purpose, nl: Met welk doel}
                help: {en: Only research is covered., nl: Alleen onderzoek is gedekt.}
                options:
                  - id: research
                    label: {en: Research, nl: Onderzoek}
                    next: end
                  - id: other
                    label: {en: Something else, nl: Iets anders}
                    next: end
                    level: general
            levels:
              - id: research
                title: {en: Research exception, nl: Onderzoeksuitzondering}
                text: {en: Covered., nl: Gedekt.}
                cites: [dsm-art-3]
              - id: general
                title: {en: General exception, nl: Algemene uitzondering}
                text: {en: Covered if no opt-out., nl: Gedekt zonder opt-out.}
                cites: [dsm-art-4]
            conditions:
              secure:
                text: {en: Store securely., nl: Beveiligd opslaan.}
                cites: [dsm-art-3]
            flags:
              privacy:
                text: {en: Ask the privacy officer., nl: Vraag de privacy officer.}
            """;

    private Path write(String content) throws IOException {
        Path file = dir.resolve("checklist.yml");
        Files.writeString(file, content);
        return file;
    }

    /** Loads a variant of {@link #VALID} and returns the problems it was rejected with. */
    private List<String> problems(String content) throws IOException {
        Path file = write(content);
        ChecklistException e = assertThrows(ChecklistException.class, () -> new ChecklistLoader().load(file));
        e.problems().forEach(p -> assertTrue(p.startsWith(file.toString()), "problem without the file path: " + p));
        return e.problems();
    }

    private static String replace(String from, String to) {
        assertTrue(VALID.contains(from), "test setup: " + from);
        return VALID.replace(from, to);
    }

    private static void assertHas(List<String> problems, String fragment) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(fragment)), "no problem containing '" + fragment + "' in " + problems);
    }

    @Test
    void loadsAValidTree() throws IOException {
        Checklist checklist = new ChecklistLoader().load(write(VALID), Set.of("dsm-art-3", "dsm-art-4"));
        assertEquals("2026-11-25", checklist.version());
        assertEquals("who", checklist.start());
        assertEquals(List.of("who", "purpose"), checklist.questions().stream().map(Checklist.Question::id).toList());
        Checklist.Option company = checklist.question("who").orElseThrow().option("company").orElseThrow();
        assertEquals("general", company.level());
        assertEquals(List.of("privacy"), company.flags());
        assertNull(checklist.question("purpose").orElseThrow().option("research").orElseThrow().level());
        assertEquals("Wie gaat minen", checklist.question("who").orElseThrow().text().in(Language.NL));
        assertEquals(List.of("research", "general"), checklist.levels().stream().map(Checklist.Level::id).toList());
        assertEquals(List.of(), checklist.flags().get("privacy").cites());

        ChecklistEngine engine = new ChecklistEngine(checklist);
        Assessment assessment = engine.assess(Map.of("who", "researcher", "purpose", "other"), Language.EN);
        assertEquals("general", assessment.verdict().level());
        assertEquals(List.of("secure"), assessment.conditions().stream().map(Assessment.Note::id).toList());
        assertEquals("research", engine.assess(Map.of("who", "researcher", "purpose", "research"), Language.EN).verdict().level());
    }

    @Test
    void aDanglingNextIsReported() throws IOException {
        List<String> problems = problems(replace("next: purpose", "next: purpse"));
        assertHas(problems, "question 'who', option 'researcher': next 'purpse' is not a question id or 'end'");
    }

    @Test
    void aMissingLanguageIsReported() throws IOException {
        assertHas(problems(replace("{en: Who will mine, nl: Wie gaat minen}", "{en: Who will mine}")),
                "question 'who': missing 'text.nl'");
        assertHas(problems(replace("{en: Research, nl: Onderzoek}", "{en: Research, nl: \"\"}")),
                "question 'purpose', option 'research': missing 'label.nl'");
        assertHas(problems(replace("{en: Covered., nl: Gedekt.}", "{nl: Gedekt.}")), "level 'research': missing 'text.en'");
        assertHas(problems(replace("{en: For what purpose, nl: Met welk doel}", "{en: For what purpose, nl: Met welk doel, de: Wozu}")),
                "'text' has unknown language 'de'");
    }

    @Test
    void aDuplicateQuestionIdIsReported() throws IOException {
        List<String> problems = problems(replace("  - id: purpose\n", "  - id: who\n"));
        assertHas(problems, "question 'who': duplicate question id");
    }

    @Test
    void duplicateOptionAndLevelIdsAreReported() throws IOException {
        assertHas(problems(replace("- id: other", "- id: research")), "question 'purpose', option 'research': duplicate option id");
        assertHas(problems(replace("- id: general\n", "- id: research\n")), "level 'research': duplicate level id");
    }

    @Test
    void aDuplicateYamlKeyIsReportedWithItsLine() throws IOException {
        List<String> problems = problems(VALID + "  privacy:\n    text: {en: Again., nl: Nogmaals.}\n");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("invalid YAML") && problems.get(0).contains("privacy"), problems.get(0));
        assertTrue(problems.get(0).matches(".*checklist\\.yml:\\d+: .*"), problems.get(0));
    }

    @Test
    void aMissingStartIsReported() throws IOException {
        assertHas(problems(replace("start: who", "start: whom")), "start 'whom' is not a question id");
        assertHas(problems(replace("start: who\n", "")), "missing 'start'");
    }

    @Test
    void undefinedLevelsConditionsAndFlagsAreReported() throws IOException {
        List<String> problems = problems(replace("flags: [privacy]", "flags: [privacy, software]").replace("next: end\n        level: general\n        flags", "next: end\n        level: generic\n        flags")
                .replace("conditions: [secure]", "conditions: [secure, delete]"));
        assertHas(problems, "question 'who', option 'company': level 'generic' is not one of the levels research, general");
        assertHas(problems, "question 'who', option 'company': flag 'software' is not defined under 'flags'");
        assertHas(problems, "question 'who', option 'researcher': condition 'delete' is not defined under 'conditions'");
        assertEquals(3, problems.size(), "every problem is reported at once: " + problems);
    }

    @Test
    void aCycleIsReported() throws IOException {
        String looping = replace("label: {en: Research, nl: Onderzoek}\n        next: end", "label: {en: Research, nl: Onderzoek}\n        next: who");
        assertHas(problems(looping), "the answers loop back to it: who → purpose → who");
    }

    @Test
    void anUnreachableQuestionIsReported() throws IOException {
        assertHas(problems(replace("next: purpose", "next: end")), "question 'purpose': cannot be reached from start 'who'");
    }

    @Test
    void anUnquotedYesOrNoIsReportedRatherThanShownAsFalse() throws IOException {
        assertHas(problems(replace("{en: Research, nl: Onderzoek}", "{en: No, nl: Nee}")),
                "question 'purpose', option 'research': 'label.en' reads as true/false; put the text in quotes");
        Checklist quoted = new ChecklistLoader().load(write(replace("{en: Research, nl: Onderzoek}", "{en: \"No\", nl: Nee}")));
        assertEquals("No", quoted.question("purpose").orElseThrow().option("research").orElseThrow().label().en());
    }

    @Test
    void typosInFieldNamesAreReported() throws IOException {
        assertHas(problems(replace("conditions: [secure]", "conditons: [secure]")),
                "question 'who', option 'researcher': unknown field 'conditons'");
    }

    @Test
    void badIdsAndShapesAreReported() throws IOException {
        assertHas(problems(replace("- id: purpose\n", "- id: Purpose!\n")), "id 'Purpose!' may use only lowercase letters");
        assertHas(problems(replace("- id: purpose\n", "- id: end\n")), "'end' is reserved");
        assertHas(problems(replace("- id: other", "- id: false")), "'id' reads as true/false; put the value in quotes");
        assertHas(problems("just text"), "must be a YAML mapping");
        assertHas(problems("version: x\nstart: a\nquestions: []\nlevels: []\n"), "'questions' must be a list with at least one question");
    }

    @Test
    void unknownCitesAreReportedAgainstTheKnowledgeIds() throws IOException {
        Path file = write(VALID);
        ChecklistLoader loader = new ChecklistLoader();
        List<String> problems = loader.validate(loader.load(file), Set.of("dsm-art-3"));
        assertEquals(List.of(file + ": level 'general' cites 'dsm-art-4', which is not the id of a guidance or law file"), problems);
        ChecklistException e = assertThrows(ChecklistException.class, () -> loader.load(file, Set.of("dsm-art-3")));
        assertEquals(problems, e.problems());
    }

    @Test
    void aMissingFileIsReportedWithItsPath() {
        Path missing = dir.resolve("nope.yml");
        ChecklistException e = assertThrows(ChecklistException.class, () -> new ChecklistLoader().load(missing));
        assertTrue(e.getMessage().startsWith(missing + ": cannot read"), e.getMessage());
    }
}
