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
import nl.wur.cip.helpdesk.knowledge.LoadProblem;
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
        assertTrue(
                problems.stream().anyMatch(p -> p.contains(fragment)),
                "no problem containing '" + fragment + "' in " + problems);
    }

    @Test
    void loadsAValidTree() throws IOException {
        Checklist checklist = new ChecklistLoader().load(write(VALID), Set.of("dsm-art-3", "dsm-art-4"));
        assertEquals("2026-11-25", checklist.version());
        assertEquals("who", checklist.start());
        assertEquals(
                List.of("who", "purpose"),
                checklist.questions().stream().map(Checklist.Question::id).toList());
        Checklist.Option company =
                checklist.question("who").orElseThrow().option("company").orElseThrow();
        assertEquals("general", company.level());
        assertEquals(List.of("privacy"), company.flags());
        assertNull(checklist
                .question("purpose")
                .orElseThrow()
                .option("research")
                .orElseThrow()
                .level());
        assertEquals(
                "Wie gaat minen", checklist.question("who").orElseThrow().text().in(Language.NL));
        assertEquals(
                List.of("research", "general"),
                checklist.levels().stream().map(Checklist.Level::id).toList());
        assertEquals(List.of(), checklist.flags().get("privacy").cites());

        ChecklistEngine engine = new ChecklistEngine(checklist);
        Assessment assessment = engine.assess(Map.of("who", "researcher", "purpose", "other"), Language.EN);
        assertEquals("general", assessment.verdict().level());
        assertEquals(
                List.of("secure"),
                assessment.conditions().stream().map(Assessment.Note::id).toList());
        assertEquals(
                "research",
                engine.assess(Map.of("who", "researcher", "purpose", "research"), Language.EN)
                        .verdict()
                        .level());
    }

    @Test
    void aDanglingNextIsReported() throws IOException {
        List<String> problems = problems(replace("next: purpose", "next: purpse"));
        assertHas(problems, "question 'who', option 'researcher': next 'purpse' is not a question id or 'end'");
    }

    @Test
    void aMissingLanguageIsReported() throws IOException {
        assertHas(
                problems(replace("{en: Who will mine, nl: Wie gaat minen}", "{en: Who will mine}")),
                "question 'who': missing 'text.nl'");
        assertHas(
                problems(replace("{en: Research, nl: Onderzoek}", "{en: Research, nl: \"\"}")),
                "question 'purpose', option 'research': missing 'label.nl'");
        assertHas(
                problems(replace("{en: Covered., nl: Gedekt.}", "{nl: Gedekt.}")),
                "level 'research': missing 'text.en'");
        assertHas(
                problems(replace(
                        "{en: For what purpose, nl: Met welk doel}",
                        "{en: For what purpose, nl: Met welk doel, de: Wozu}")),
                "'text' has unknown language 'de'");
    }

    @Test
    void aDuplicateQuestionIdIsReported() throws IOException {
        List<String> problems = problems(replace("  - id: purpose\n", "  - id: who\n"));
        assertHas(problems, "question 'who': duplicate question id");
    }

    @Test
    void duplicateOptionAndLevelIdsAreReported() throws IOException {
        assertHas(
                problems(replace("- id: other", "- id: research")),
                "question 'purpose', option 'research': duplicate option id");
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
        List<String> problems = problems(replace("flags: [privacy]", "flags: [privacy, software]")
                .replace(
                        "next: end\n        level: general\n        flags",
                        "next: end\n        level: generic\n        flags")
                .replace("conditions: [secure]", "conditions: [secure, delete]"));
        assertHas(
                problems,
                "question 'who', option 'company': level 'generic' is not one of the levels research, general");
        assertHas(problems, "question 'who', option 'company': flag 'software' is not defined under 'flags'");
        assertHas(
                problems, "question 'who', option 'researcher': condition 'delete' is not defined under 'conditions'");
        assertEquals(3, problems.size(), "every problem is reported at once: " + problems);
    }

    @Test
    void aCycleIsReported() throws IOException {
        String looping = replace(
                "label: {en: Research, nl: Onderzoek}\n        next: end",
                "label: {en: Research, nl: Onderzoek}\n        next: who");
        assertHas(problems(looping), "the answers loop back to it: who → purpose → who");
    }

    @Test
    void anUnreachableQuestionIsReported() throws IOException {
        assertHas(
                problems(replace("next: purpose", "next: end")),
                "question 'purpose': cannot be reached from start 'who'");
    }

    @Test
    void anUnquotedYesOrNoIsReportedRatherThanShownAsFalse() throws IOException {
        assertHas(
                problems(replace("{en: Research, nl: Onderzoek}", "{en: No, nl: Nee}")),
                "question 'purpose', option 'research': 'label.en' reads as true/false; put the text in quotes");
        Checklist quoted =
                new ChecklistLoader().load(write(replace("{en: Research, nl: Onderzoek}", "{en: \"No\", nl: Nee}")));
        assertEquals(
                "No",
                quoted.question("purpose")
                        .orElseThrow()
                        .option("research")
                        .orElseThrow()
                        .label()
                        .en());
    }

    @Test
    void typosInFieldNamesAreReported() throws IOException {
        assertHas(
                problems(replace("conditions: [secure]", "conditons: [secure]")),
                "question 'who', option 'researcher': unknown field 'conditons'");
    }

    @Test
    void badIdsAndShapesAreReported() throws IOException {
        assertHas(
                problems(replace("- id: purpose\n", "- id: Purpose!\n")),
                "id 'Purpose!' may use only lowercase letters");
        assertHas(problems(replace("- id: purpose\n", "- id: end\n")), "'end' is reserved");
        assertHas(problems(replace("- id: other", "- id: false")), "'id' reads as true/false; put the value in quotes");
        assertHas(problems("just text"), "must be a YAML mapping");
        assertHas(
                problems("version: x\nstart: a\nquestions: []\nlevels: []\n"),
                "'questions' must be a list with at least one question");
    }

    /** The problems of a variant of {@link #VALID} as the office reads them: file, line, message. */
    private List<String> located(String content) throws IOException {
        Path file = write(content);
        ChecklistException e = assertThrows(ChecklistException.class, () -> new ChecklistLoader().load(file));
        assertEquals(
                e.problems(),
                e.loadProblems().stream().map(LoadProblem::toString).toList());
        e.loadProblems().forEach(p -> assertEquals(file.toString(), p.path()));
        return e.loadProblems().stream()
                .map(p -> "line " + p.line() + ": " + p.message())
                .toList();
    }

    @Test
    void structuralProblemsNameTheLineOfThePartAtFault() throws IOException {
        assertEquals(
                List.of("line 9: question 'who', option 'researcher': next 'purpse' is not a question id or 'end'"),
                located(replace("next: purpose", "next: purpse")));
        assertEquals(
                List.of("line 2: start 'whom' is not a question id"), located(replace("start: who", "start: whom")));
        assertEquals(
                List.of("line 13: question 'who', option 'company': flag 'software' is not defined under 'flags'"),
                located(replace("flags: [privacy]", "flags: [software]")));
        assertEquals(
                List.of("line 18: question 'purpose': cannot be reached from start 'who'"),
                located(replace("next: purpose", "next: end")));
    }

    @Test
    void aProblemWithAFieldNamesTheFieldsLine() throws IOException {
        assertEquals(
                List.of("line 5: question 'who': missing 'text.nl'"),
                located(replace("{en: Who will mine, nl: Wie gaat minen}", "{en: Who will mine}")));
        assertEquals(
                List.of("line 33: level 'research': unknown field 'colour'; expected cites, id, text, title"),
                located(replace(
                        "    text: {en: Covered., nl: Gedekt.}\n",
                        "    text: {en: Covered., nl: Gedekt.}\n    colour: red\n")));
        assertEquals(
                List.of("line 18: question 'purpose': missing 'help' with en and nl"),
                located(replace("    help: {en: Only research is covered., nl: Alleen onderzoek is gedekt.}\n", "")),
                "a missing field: the line its part starts on");
    }

    @Test
    void unknownCitesAreReportedAgainstTheKnowledgeIds() throws IOException {
        Path file = write(VALID);
        ChecklistLoader loader = new ChecklistLoader();
        List<String> problems = loader.validate(loader.load(file), Set.of("dsm-art-3"));
        assertEquals(
                List.of(file + ": level 'general' cites 'dsm-art-4', which is not the id of a guidance or law file"),
                problems);
        ChecklistException e = assertThrows(ChecklistException.class, () -> loader.load(file, Set.of("dsm-art-3")));
        assertEquals(problems, e.problems());
    }

    /** A tree with a research and a general track, a level on one track only, and a condition worded per track. */
    private static final String TRACKS = """
            version: "1"
            start: who
            tracks: [research, general]
            questions:
              - id: who
                text: {en: Who will mine, nl: Wie gaat minen}
                help: {en: Who decides the track., nl: Wie bepaalt het spoor.}
                options:
                  - id: researcher
                    label: {en: A researcher, nl: Een onderzoeker}
                    next: storage
                    track: research
                  - id: company
                    label: {en: A company, nl: Een bedrijf}
                    next: storage
                    level: general
                    track: general
              - id: storage
                text: {en: Where do you store, nl: Waar slaat u op}
                help: {en: Storage rules differ., nl: Opslagregels verschillen.}
                options:
                  - id: secure
                    label: {en: Securely, nl: Beveiligd}
                    next: end
                    conditions: [secure]
                  - id: outside
                    label: {en: Elsewhere, nl: Elders}
                    next: end
                    level: {research: unclear}
                    conditions: [secure]
            levels:
              - id: research
                title: {en: Research exception, nl: Onderzoeksuitzondering}
                text: {en: Covered., nl: Gedekt.}
              - id: general
                title: {en: General exception, nl: Algemene uitzondering}
                text: {en: Covered if no opt-out., nl: Gedekt zonder opt-out.}
              - id: unclear
                title: {en: Unclear, nl: Onduidelijk}
                text: {en: Ask., nl: Vraag het.}
            conditions:
              secure:
                tracks:
                  research:
                    text: {en: Store securely (Art. 3(2))., nl: Beveiligd opslaan (art. 3 lid 2).}
                    cites: [dsm-art-3]
                  general:
                    text: {en: No storage rule (Art. 4)., nl: Geen opslagregel (art. 4).}
                    cites: [dsm-art-4]
            """;

    private static String tracks(String from, String to) {
        assertTrue(TRACKS.contains(from), "test setup: " + from);
        return TRACKS.replace(from, to);
    }

    @Test
    void tracksGiveLevelsAndConditionWordingsPerTrack() throws IOException {
        Checklist checklist = new ChecklistLoader().load(write(TRACKS), Set.of("dsm-art-3", "dsm-art-4"));
        assertEquals(List.of("research", "general"), checklist.tracks());
        ChecklistEngine engine = new ChecklistEngine(checklist);
        Assessment research = engine.assess(Map.of("who", "researcher", "storage", "outside"), Language.EN);
        assertEquals("unclear", research.verdict().level());
        assertEquals("Store securely (Art. 3(2)).", research.conditions().get(0).text());
        assertTrue(
                research.cites().contains("dsm-art-3") && !research.cites().contains("dsm-art-4"),
                research.cites().toString());
        Assessment general = engine.assess(Map.of("who", "company", "storage", "outside"), Language.NL);
        assertEquals("general", general.verdict().level(), "the level is for the research track only");
        assertEquals(
                List.of("general"),
                general.levels().stream().map(Assessment.Verdict::level).toList());
        assertEquals("Geen opslagregel (art. 4).", general.conditions().get(0).text());
        assertEquals(
                List.of(
                        file()
                                + ": condition 'secure', track 'general' cites 'dsm-art-4', which is not the id of a guidance or law file"),
                new ChecklistLoader().validate(checklist, Set.of("dsm-art-3")));
        String table = ChecklistTable.markdown(checklist);
        assertTrue(table.contains("Elsewhere → end / **unclear** (research track) · conditions: secure"), table);
        assertTrue(table.contains("A researcher → `storage` · track: research"), table);
        assertTrue(table.contains("| secure | general | No storage rule (Art. 4). |"), table);
    }

    private Path file() {
        return dir.resolve("checklist.yml");
    }

    @Test
    void unknownTracksAndMissingWordingsAreReported() throws IOException {
        assertHas(
                problems(tracks("track: research", "track: reseach")),
                "question 'who', option 'researcher': track 'reseach': not one of the tracks research, general");
        assertHas(
                problems(tracks("level: {research: unclear}", "level: {resarch: unclear}")),
                "option 'outside': level for track 'resarch': not one of the tracks research, general");
        assertHas(
                problems(tracks("level: {research: unclear}", "level: {research: unsure}")),
                "level 'unsure' for track 'research' is not one of the levels research, general, unclear");
        assertHas(
                problems(tracks(
                        "      general:\n        text: {en: No storage rule (Art. 4)., nl: Geen opslagregel (art. 4).}\n"
                                + "        cites: [dsm-art-4]\n",
                        "")),
                "condition 'secure': has no text for track 'general'");
        assertHas(
                problems(tracks("  secure:\n    tracks:", "  secure:\n    cites: [dsm-art-3]\n    tracks:")),
                "condition 'secure': give either 'text' and 'cites', or 'tracks'");
        assertHas(
                problems(tracks("tracks: [research, general]\n", "")),
                "track 'research': the file declares no 'tracks'");
    }

    @Test
    void aTrackDependentAnswerBeforeTheTrackIsSetIsReported() throws IOException {
        List<String> problems =
                problems(tracks("        next: storage\n        track: research\n", "        next: storage\n"));
        assertHas(
                problems,
                "question 'storage', option 'outside': its level depends on the track, but a path reaches it before any answer sets the track");
        assertHas(
                problems,
                "question 'storage', option 'secure': condition 'secure' is worded per track, but a path reaches it before any answer sets the track");
    }

    @Test
    void aPathThatChangesTrackIsReported() throws IOException {
        assertHas(
                problems(tracks(
                        "        next: end\n        conditions: [secure]\n",
                        "        next: end\n        track: general\n        conditions: [secure]\n")),
                "question 'storage', option 'secure': puts the path on track 'general', but a path reaches it already on track 'research'");
    }

    @Test
    void aMissingFileIsReportedWithItsPath() {
        Path missing = dir.resolve("nope.yml");
        ChecklistException e = assertThrows(ChecklistException.class, () -> new ChecklistLoader().load(missing));
        assertTrue(e.getMessage().startsWith(missing + ": cannot read"), e.getMessage());
    }
}
