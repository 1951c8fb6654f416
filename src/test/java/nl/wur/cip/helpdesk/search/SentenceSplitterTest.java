package nl.wur.cip.helpdesk.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {
    @Test
    void legalAbbreviationsDoNotEndASentence() {
        assertEquals(
                List.of(
                        "The research exception (art. 15n Aw, cf. DSM Art. 3, lid 2) allows retention, e.g. for verification.",
                        "Sharing is another matter, i.e. not covered, see p. 4 and nr. 12 of Stb. 2020, 558."),
                SentenceSplitter.split(
                        "The research exception (art. 15n Aw, cf. DSM Art. 3, lid 2) allows retention, e.g. for verification. "
                                + "Sharing is another matter, i.e. not covered, see p. 4 and nr. 12 of Stb. 2020, 558."));
    }

    @Test
    void dutchAbbreviationsDoNotEndASentence() {
        assertEquals(
                List.of(
                        "Dat staat o.a. in art. 15n Aw en bijv. in de richtlijn, vgl. overweging 15.",
                        "Vraag het CIP bij twijfel."),
                SentenceSplitter.split(
                        "Dat staat o.a. in art. 15n Aw en bijv. in de richtlijn, vgl. overweging 15. Vraag het CIP bij twijfel."));
    }

    @Test
    void aSentenceEndsAtItsFullStop() {
        assertEquals(
                List.of("Copies must be stored securely.", "They may be kept for verification of results."),
                SentenceSplitter.split(
                        "Copies must be stored securely. They may be kept for verification of results."));
    }
}
