package nl.wur.cip.helpdesk.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.wur.cip.helpdesk.knowledge.Bilingual;
import nl.wur.cip.helpdesk.knowledge.KnowledgeBase;
import nl.wur.cip.helpdesk.knowledge.KnowledgeLoader;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.storage.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Stored assessments keep what they were made with: the checklist version, the verdict and the levels reached. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChecklistServiceTest {
    private static final Bilingual ADVICE = new Bilingual("Not legal advice.", "Geen juridisch advies.");

    private final ObjectMapper mapper = new ObjectMapper();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private Database database;
    private KnowledgeBase knowledge;
    private Checklist shipped;

    @BeforeAll
    void open() {
        database = Database.open("jdbc:h2:mem:checklist-service;DB_CLOSE_DELAY=-1", "sa", "");
        knowledge = new KnowledgeLoader().load(Path.of("knowledge"));
        shipped = new ChecklistLoader().load(Path.of("knowledge/checklist/checklist.yml"));
    }

    @AfterAll
    void close() {
        database.close();
    }

    private ChecklistService service(Checklist checklist) {
        return new ChecklistService(new ChecklistEngine(checklist), new AssessmentStore(database), knowledge, clock);
    }

    /** A path that is both unclear (sharing with partners) and needs permission (material suspected unlawful). */
    private static Map<String, String> bothLevels() {
        return ChecklistEngineTest.with(
                ChecklistEngineTest.byTheBook(),
                "material",
                "text",
                "lawfulness",
                "suspected",
                "server_load",
                "no_terms",
                "sharing",
                "external_partners");
    }

    @Test
    void aStoredAssessmentKeepsTheVersionItWasMadeWithAfterTheChecklistChanges() throws Exception {
        Checklist older = new Checklist(
                "2026-11-25",
                shipped.start(),
                shipped.questions(),
                shipped.levels(),
                shipped.conditions(),
                shipped.flags(),
                shipped.tracks(),
                shipped.source());
        ChecklistService.Result made = service(older).assess(bothLevels(), Language.EN);
        assertEquals("2026-11-25", made.checklistVersion());

        // The office ships a new version; the old record still says which version it was made with.
        ChecklistService current = service(shipped);
        assertEquals("2026-12-02", current.assess(bothLevels(), Language.EN).checklistVersion());
        JsonNode stored = mapper.readTree(current.find(made.assessmentId()).orElseThrow());
        assertEquals("2026-11-25", stored.get("checklistVersion").asText());
        assertEquals(
                "2026-11-25",
                new AssessmentStore(database)
                        .find(made.assessmentId())
                        .orElseThrow()
                        .checklistVersion());
        String markdown = current.markdown(made.assessmentId(), ADVICE).orElseThrow();
        assertTrue(markdown.contains("- Checklist version: 2026-11-25"), markdown);
    }

    @Test
    void theMarkdownRecordShowsEveryLevelReachedInBothLanguages() {
        ChecklistService service = service(shipped);
        ChecklistService.Result en = service.assess(bothLevels(), Language.EN);
        assertEquals("unclear", en.verdict().level());
        assertEquals(2, en.levels().size());
        String markdown = service.markdown(en.assessmentId(), ADVICE).orElseThrow();
        int verdict = markdown.indexOf("**Unclear: ask the Copyright Information Point**");
        int also = markdown.indexOf("Your answers also lead to:");
        int permission = markdown.indexOf("**Permission or a licence is needed**");
        assertTrue(verdict > 0 && also > verdict && permission > also, markdown);

        ChecklistService.Result nl = service.assess(bothLevels(), Language.NL);
        String dutch = service.markdown(nl.assessmentId(), ADVICE).orElseThrow();
        assertTrue(dutch.contains("Je antwoorden leiden ook tot:\n\n**Toestemming of een licentie is nodig**"), dutch);
        assertTrue(
                dutch.endsWith("_Geen juridisch advies._\n") && !dutch.contains("Not legal advice"),
                "the disclaimer in Dutch too");

        Map<String, String> byTheBook = new LinkedHashMap<>(bothLevels());
        byTheBook.put("lawfulness", "lawful");
        byTheBook.put("sharing", "wur_only");
        ChecklistService.Result one = service.assess(byTheBook, Language.EN);
        assertFalse(
                service.markdown(one.assessmentId(), ADVICE).orElseThrow().contains("also lead to"),
                "one level: no second block");
    }

    @Test
    void aRecordStoredBeforeLevelsExistedStillReadsBack() throws Exception {
        ChecklistService service = service(shipped);
        ChecklistService.Result made = service.assess(bothLevels(), Language.EN);
        ObjectNode old =
                (ObjectNode) mapper.readTree(service.find(made.assessmentId()).orElseThrow());
        old.remove("levels");
        String id = "AAAAAAAAAAAAAAAAAAAAAB";
        new AssessmentStore(database)
                .save(new AssessmentStore.Stored(id, clock.instant(), "2026-11-25", "en", "{}", old.toString()));
        assertNull(mapper.readValue(service.find(id).orElseThrow(), ChecklistService.Result.class)
                .levels());
        String markdown = service.markdown(id, ADVICE).orElseThrow();
        assertTrue(markdown.contains("**Unclear: ask the Copyright Information Point**"), markdown);
        assertFalse(markdown.contains("also lead to"), markdown);
    }
}
