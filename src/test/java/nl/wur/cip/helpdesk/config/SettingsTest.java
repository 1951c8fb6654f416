package nl.wur.cip.helpdesk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import nl.wur.cip.helpdesk.HelpdeskConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Settings are read alike: a clear error names the setting and the bad value. */
class SettingsTest {
    @Test
    void embedOriginsAreNormalisedAsABrowserComparesThem() {
        assertEquals(List.of("https://www.wur.nl", "http://localhost:8080"),
                Settings.origins(Map.of("X", " HTTPS://WWW.wur.nl , http://localhost:8080,"), "X"));
        assertEquals(List.of(), Settings.origins(Map.of(), "X"));
        assertEquals(List.of(), HelpdeskConfig.from(Map.of(), List.of()).embedOrigins(), "nobody may embed by default");
        assertEquals(List.of("https://library.wur.nl"),
                HelpdeskConfig.from(Map.of(), List.of("--embed-origins=https://library.wur.nl")).embedOrigins());
    }

    @ParameterizedTest
    @ValueSource(strings = {"www.wur.nl", "https://www.wur.nl/library", "ftp://www.wur.nl", "*", "'self'",
            "https://www.wur.nl?x=1", "https://user@www.wur.nl", "https://"})
    void anOriginWithAPathAnotherSchemeOrAWildcardIsRefusedByName(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.origins(Map.of("HELPDESK_EMBED_ORIGINS", value), "HELPDESK_EMBED_ORIGINS"));
        assertTrue(e.getMessage().startsWith("HELPDESK_EMBED_ORIGINS must list origins"), e.getMessage());
    }
}
