package nl.wur.cip.helpdesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A sentence in both languages, and a list of choices written out in each. */
class BilingualTest {
    @Test
    void choicesAreListedWithTheLanguagesOwnOr() {
        Bilingual codes = Bilingual.oneOf(List.of("queued", "sent", "failed", "handled"));
        assertEquals("queued, sent, failed or handled", codes.in(Language.EN));
        assertEquals("queued, sent, failed of handled", codes.in(Language.NL));
        assertEquals(new Bilingual("answered", "answered"), Bilingual.oneOf(List.of("answered")));
    }
}
