package nl.wur.cip.helpdesk.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void madeUpMethodsShareOneLabelSoTheMetricsStayTheSameSize() {
        Metrics metrics = new Metrics(Map::of);
        metrics.request("GET", "/api/health", 200, 1.0);
        int before = metrics.render().length();
        for (int i = 0; i < 3000; i++) {
            metrics.request("FROB" + i, "(unmatched)", 405, 0.1);
        }
        String text = metrics.render();
        assertTrue(text.contains("method=\"OTHER\""), text);
        assertFalse(text.contains("FROB"), "no invented method becomes a label");
        assertTrue(text.length() < before + 5000, "grew by one series, not 3,000: " + (text.length() - before));
        assertTrue(text.contains("method=\"GET\""));
        assertEquals(-1, text.indexOf("FROB1"));
    }
}
