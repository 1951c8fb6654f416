package nl.wur.cip.helpdesk.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import nl.wur.cip.helpdesk.knowledge.Language;
import org.junit.jupiter.api.Test;

class LanguageDetectorTest {
    private final LanguageDetector detector = new LanguageDetector();

    @Test
    void recognisesDutchQuestions() {
        assertEquals(Language.NL, detector.detect("Mag ik foto's van internet gebruiken voor mijn onderzoek?"));
        assertEquals(Language.NL, detector.detect("Wie kan mij helpen met een vraag over auteursrecht?"));
    }

    @Test
    void recognisesEnglishQuestionsAndDefaultsToEnglish() {
        assertEquals(Language.EN, detector.detect("Can I keep my scraped corpus forever?"));
        assertEquals(Language.EN, detector.detect("TDM"));
    }
}
