package nl.wur.cip.helpdesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One way to cite a passage, used by answers, checklist verdicts, opt-out reports and the LLM check. */
class CitationTest {
    private static Passage passage(String url, String text) {
        return new Passage(
                "dsm-art-3#2",
                "dsm-art-3",
                "Text and data mining for scientific research",
                "Directive (EU) 2019/790, Art. 3(2)",
                url,
                Language.EN,
                "Retention",
                text);
    }

    @Test
    void aCitationCarriesThePassagesOwnReferenceAddressAndLanguage() {
        Citation citation =
                Citation.of(passage("https://eur-lex.europa.eu/eli/dir/2019/790/oj", "Copies may be retained."));
        assertEquals("dsm-art-3", citation.id());
        assertEquals("Directive (EU) 2019/790, Art. 3(2)", citation.reference());
        assertEquals("https://eur-lex.europa.eu/eli/dir/2019/790/oj", citation.url());
        assertEquals("Copies may be retained.", citation.snippet());
        assertEquals("en", citation.language());
        assertNull(Citation.of(passage("", "No official address.")).url(), "no address rather than an empty link");
    }

    @Test
    void aLongPassageIsCutAfterItsLastWholeSentenceWithinTheLimit() {
        String sentence = "Copies made for text and data mining may be retained for scientific research purposes. ";
        String text = sentence.repeat(20);
        String snippet = Citation.of(passage("", text)).snippet();
        assertTrue(snippet.length() <= Citation.SNIPPET_CHARS + 2, snippet.length() + " characters");
        assertTrue(snippet.endsWith("purposes. …"), snippet);
        String unbroken = "x".repeat(2000);
        assertEquals(
                Citation.SNIPPET_CHARS + 2,
                passage("", unbroken).excerpt(Citation.SNIPPET_CHARS).length(),
                "a text without sentence ends is cut at the limit");
    }
}
