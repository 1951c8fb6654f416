package nl.wur.cip.helpdesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import nl.wur.cip.helpdesk.TestHelpdesk;
import org.junit.jupiter.api.Test;

class AnswerCardTest {
    private static AnswerCard card(String id, List<String> cites, List<String> related) {
        return new AnswerCard(
                id,
                Map.of(Language.EN, id),
                false,
                Map.of(),
                cites,
                related,
                Map.of(),
                Map.of(Language.EN, "answer"),
                id + ".md");
    }

    @Test
    void cardsRestingOnMostlyTheSameSourcesAreNeighbours() {
        AnswerCard a = card("a", List.of("dsm-art-3", "aw-art-15n", "dsm-recital-14", "cip-2021"), List.of());
        AnswerCard b = card("b", List.of("dsm-art-3", "aw-art-15n", "dsm-recital-14", "cip-2021"), List.of());
        AnswerCard c = card("c", List.of("dsm-art-3", "aw-art-15n", "dsm-recital-14", "dsm-art-4"), List.of());
        assertTrue(a.neighbours(b));
        assertFalse(a.neighbours(c), "three of five shared sources (0.6) is not enough");
    }

    @Test
    void aCardNamingAnotherAsRelatedMakesThemNeighboursBothWays() {
        AnswerCard a = card("a", List.of("x"), List.of("b"));
        AnswerCard b = card("b", List.of("y"), List.of());
        assertTrue(a.neighbours(b));
        assertTrue(b.neighbours(a));
        assertFalse(b.neighbours(card("c", List.of("z"), List.of())));
        assertFalse(card("d", List.of(), List.of()).neighbours(card("e", List.of(), List.of())), "no sources, no kin");
    }

    @Test
    void inTheShippedKnowledgeMiningNewsAndScrapingWebsitesAreNeighboursButTrainingAiAndAiOutputAreNot() {
        KnowledgeBase knowledge = TestHelpdesk.shared().knowledge();
        AnswerCard press = knowledge.card("faq-press-publications").orElseThrow();
        AnswerCard scrape = knowledge.card("faq-scrape-websites").orElseThrow();
        AnswerCard train = knowledge.card("faq-train-ai").orElseThrow();
        AnswerCard output = knowledge.card("faq-ai-output-copyright").orElseThrow();
        assertTrue(press.neighbours(scrape));
        assertFalse(train.neighbours(output), "who owns AI output is another question than training on works");
    }
}
