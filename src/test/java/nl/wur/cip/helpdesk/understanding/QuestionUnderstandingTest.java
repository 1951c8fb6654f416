package nl.wur.cip.helpdesk.understanding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nl.wur.cip.helpdesk.Assembly;
import nl.wur.cip.helpdesk.TestHelpdesk;
import nl.wur.cip.helpdesk.knowledge.Language;
import org.junit.jupiter.api.Test;

/** The intent model trained on the shipped knowledge, with the real embedding model. */
class QuestionUnderstandingTest {
    private final Assembly helpdesk = TestHelpdesk.shared();

    private Understanding understand(String question, Language language) {
        return helpdesk.understanding()
                .understand(
                        question,
                        language,
                        helpdesk.retriever().search(question, language).queryVector());
    }

    @Test
    void everyCardAndExtraIntentIsLearnedAndCrossValidated() {
        assertEquals(
                helpdesk.knowledge().cards().size()
                        + helpdesk.knowledge().intents().size(),
                helpdesk.understanding().intentCount());
        assertTrue(
                helpdesk.understanding().validation().accuracy() > 0.5,
                "cross-validated " + helpdesk.understanding().validation().accuracy());
    }

    @Test
    void naturalDutchReachesItsCard() {
        assertEquals(
                "faq-retention",
                understand(
                                "Mijn promotietraject is bijna klaar, hoe lang mag ik de teksten die ik heb binnengehaald nog op de server laten staan?",
                                Language.NL)
                        .top()
                        .intent());
    }

    @Test
    void aClaimLetterIsADispute() {
        assertEquals(
                "faq-litigation",
                understand(
                                "A photo agency sent our group an invoice of 900 euros for a picture on the project website. Do we have to pay?",
                                Language.EN)
                        .top()
                        .intent());
    }

    @Test
    void aLibraryQuestionWithCopyrightishWordsIsOffTopic() {
        assertEquals(
                "off-topic",
                understand("How do I extend the loan of the books I borrowed from the library?", Language.EN)
                        .top()
                        .intent());
    }

    @Test
    void eachPartOfAQuestionIsUnderstoodOnItsOwn() {
        Understanding understood = understand(
                "How long may I keep my scraped corpus after the project ends? "
                        + "And may I give a copy to a researcher at a partner university?",
                Language.EN);
        List<String> parts =
                understood.parts().stream().map(p -> p.top().intent()).toList();
        assertEquals(List.of("faq-retention", "faq-share-with-partners"), parts);
    }
}
