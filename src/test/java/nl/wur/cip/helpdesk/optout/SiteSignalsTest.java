package nl.wur.cip.helpdesk.optout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SiteSignalsTest {
    @Test
    void metaTagAttributesAreReadInOnePassWhateverTheTag() {
        assertEquals(
                Map.of("name", "robots", "content", "noai, noimageai"),
                SiteSignals.attributes(" name=\"robots\" content='noai, noimageai'"));
        assertEquals(
                Map.of("name", "tdm-reservation", "content", "1", "data-x", "y"),
                SiteSignals.attributes(" NAME=tdm-reservation content = 1 data-x=y async"));
        String hostile = " " + "a".repeat(2000);
        Map<String, String> none = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Map<String, String> last = Map.of();
            for (int i = 0; i < 2000; i++) { // a page of 2,000 such tags took 50 s with a regular expression
                last = SiteSignals.attributes(hostile);
            }
            return last;
        });
        assertEquals(Map.of(), none);
    }

    @Test
    void metaTagsAreFoundAsBeforeAndAPageOfUnclosedTagsCostsItsLength() {
        List<String[]> tags =
                SiteSignals.metaTags("<head><META name=robots content=noai><metadata x><meta charset=utf-8>");
        assertEquals(2, tags.size());
        assertEquals(" name=robots content=noai", tags.get(0)[0]);
        assertEquals("<META name=robots content=noai>", tags.get(0)[1]);
        assertEquals("<meta charset=utf-8>", tags.get(1)[1]);

        String unclosed = "<meta ".repeat(100_000) + ">";
        List<String[]> found = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> SiteSignals.metaTags(unclosed));
        assertEquals(1, found.size(), "only the first start within 2,000 characters of the one '>' makes a tag");
        assertTrue(SiteSignals.htmlMeta("<meta name=\"tdm-reservation\" content=\"1\">")
                .fullReservation());
    }
}
