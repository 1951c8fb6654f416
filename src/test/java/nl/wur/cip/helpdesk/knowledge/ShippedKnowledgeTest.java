package nl.wur.cip.helpdesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Checks the whole shipped knowledge folder, as the copyright office will edit it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShippedKnowledgeTest {
    private KnowledgeBase kb;

    @BeforeAll
    void load() {
        kb = new KnowledgeLoader().load(Path.of("knowledge"));
    }

    @Test
    void everyCardTheFormatGuideNamesExists() throws java.io.IOException {
        String guide = java.nio.file.Files.readString(Path.of("knowledge", "README.md"));
        java.util.regex.Matcher ids =
                java.util.regex.Pattern.compile("\\bfaq-[a-z0-9-]*[a-z0-9]").matcher(guide);
        List<String> missing = new java.util.ArrayList<>();
        while (ids.find()) {
            if (kb.card(ids.group()).isEmpty()) {
                missing.add(ids.group());
            }
        }
        assertEquals(List.of(), missing, "knowledge/README.md names cards that are not shipped");
    }

    @Test
    void everyFileParsesWithoutProblems() {
        assertEquals(List.of(), kb.problems());
    }

    @Test
    void idsAreUniqueAcrossTheFolder() {
        Set<String> seen = new HashSet<>();
        kb.allIds().forEach(id -> assertTrue(seen.add(id), "duplicate id " + id));
    }

    @Test
    void everyCitationAndRelatedCardResolves() {
        for (AnswerCard card : kb.cards()) {
            card.cites().forEach(id -> assertTrue(kb.document(id).isPresent(), card.id() + " cites unknown " + id));
            card.related().forEach(id -> assertTrue(kb.card(id).isPresent(), card.id() + " relates to unknown " + id));
        }
    }

    @Test
    void everyIntentTheOfficeAlwaysWantsToSeeExists() {
        assertFalse(kb.rules().officeIntents().isEmpty());
        for (String id : kb.rules().officeIntents()) {
            assertTrue(
                    kb.card(id).isPresent() || kb.intents().stream().anyMatch(i -> i.id().equals(id)),
                    "scope.yml office_intents names unknown intent " + id);
        }
        kb.rules()
                .escalationTopics()
                .forEach(topic -> topic.card()
                        .ifPresent(id -> assertTrue(
                                kb.card(id).isPresent(),
                                "scope.yml topic " + topic.id() + " shows unknown card " + id)));
    }

    @Test
    void everyCardIsCompleteInBothLanguages() {
        assertTrue(kb.cards().size() >= 40, "only " + kb.cards().size() + " answer cards");
        for (AnswerCard card : kb.cards()) {
            for (Language language : Language.values()) {
                assertFalse(card.answer(language).isBlank(), card.id() + " has no " + language + " answer");
                assertFalse(card.title(language).isBlank(), card.id() + " has no " + language + " title");
                assertTrue(card.questions().get(language).size() >= 2, card.id() + " needs " + language + " phrasings");
                if (card.escalate()) {
                    assertFalse(
                            card.escalationReason().getOrDefault(language, "").isBlank(),
                            card.id() + " lacks a reason");
                }
            }
        }
    }

    @Test
    void lawAndGuidanceCarryReferenceAndUrlAndNoEmptyPassage() {
        assertTrue(kb.document("cip-2021-training-ai").isPresent(), "the CIP's own guidance must be there");
        for (KnowledgeDocument doc : kb.documents()) {
            assertFalse(doc.reference().isBlank(), doc.id());
            if (doc.kind().equals("law") && doc.id().matches("(dsm|aw|ai-act|db|infosoc)-.*")) {
                assertTrue(doc.url().startsWith("https://"), doc.id() + " needs its official URL");
            }
            doc.passages().forEach(p -> assertFalse(p.text().isBlank(), p.id()));
        }
    }

    @Test
    void scopeRulesAreLoaded() {
        assertFalse(kb.rules().onTopic().isEmpty());
        assertFalse(kb.rules().escalationTopics().isEmpty());
        assertFalse(kb.rules().dutchToEnglish().isEmpty());
        for (Language language : Language.values()) {
            assertFalse(kb.rules().offTopicAnswer().getOrDefault(language, "").isBlank());
            assertFalse(kb.rules().notSettledAnswer().getOrDefault(language, "").isBlank());
        }
    }
}
