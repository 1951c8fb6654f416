package nl.wur.cip.helpdesk.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import nl.wur.cip.helpdesk.TestHelpdesk;
import nl.wur.cip.helpdesk.knowledge.Language;
import org.junit.jupiter.api.Test;

class AnswerServiceTest {
    private final AnswerService answers = TestHelpdesk.shared().answers();

    @Test
    void anAnsweredQuestionCitesItsSourcesAndKeepsTheDisclaimerSeparate() {
        Answer answer = answers.ask("Do I need permission from rightholders to mine texts for scientific research at WUR?",
                Optional.empty());
        assertEquals(Outcome.ANSWERED, answer.outcome());
        assertFalse(answer.citations().isEmpty());
        answer.citations().forEach(c -> {
            assertFalse(c.title().isBlank());
            assertFalse(c.reference().isBlank());
            assertFalse(c.snippet().isBlank());
        });
        assertNull(answer.escalationReason());
        assertTrue(answer.disclaimer().contains("copyright@wur.nl"));
        assertFalse(answer.answer().contains(answer.disclaimer()));
        assertTrue(answer.confidence() > 0 && answer.confidence() <= 1);
    }

    @Test
    void aQuestionOutsideCopyrightIsOffTopicWithoutCitations() {
        Answer answer = answers.ask("What time does the sports centre open on Sundays?", Optional.empty());
        assertEquals(Outcome.OFF_TOPIC, answer.outcome());
        assertTrue(answer.citations().isEmpty());
        assertFalse(answer.answer().isBlank());
    }

    @Test
    void litigationAlwaysGoesToTheCopyrightOfficeWithAReason() {
        Answer answer = answers.ask("A publisher is threatening to sue me over my text mining corpus. What now?", Optional.empty());
        assertEquals(Outcome.ESCALATE, answer.outcome());
        assertNotNull(answer.escalationReason());
        assertFalse(answer.answer().isBlank());
    }

    @Test
    void aDutchQuestionIsAnsweredInDutch() {
        Answer answer = answers.ask("Hoe lang mag ik de verzamelde data voor mijn onderzoek bewaren?", Optional.empty());
        assertEquals(Language.NL, answer.language());
        assertEquals(Outcome.ANSWERED, answer.outcome());
        assertTrue(answer.answer().matches("(?is).*\\b(bewaren|bewaard|zolang|nodig)\\b.*"), answer.answer());
        assertTrue(answer.disclaimer().startsWith("Algemene informatie"));
    }

    @Test
    void theRequestedLanguageWinsOverDetection() {
        Answer answer = answers.ask("Where should I store my scraped images?", Optional.of(Language.NL));
        assertEquals(Language.NL, answer.language());
    }

    @Test
    void anExtractiveAnswerQuotesSentencesAndNumbersItsSources() {
        Answer answer = answers.ask("What did the Hamburg regional court decide about LAION in 2024?", Optional.empty());
        assertFalse(answer.citations().isEmpty());
        assertTrue(answer.citations().stream().anyMatch(c -> c.id().contains("laion")),
                () -> answer.citations().stream().map(Citation::id).toList().toString());
    }
}
