package nl.wur.cip.helpdesk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.wur.cip.helpdesk.HelpdeskConfig;
import nl.wur.cip.helpdesk.HelpdeskSetting;
import nl.wur.cip.helpdesk.optout.OptOutConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Settings are read alike: a clear error names the setting and the bad value. */
class SettingsTest {
    private static List<String> origins(String value) {
        return SettingValues.of(Map.of("HELPDESK_EMBED_ORIGINS", value), List.of())
                .origins(HelpdeskSetting.EMBED_ORIGINS);
    }

    @Test
    void embedOriginsAreNormalisedAsABrowserComparesThem() {
        assertEquals(
                List.of("https://www.wur.nl", "http://localhost:8080"),
                origins(" HTTPS://WWW.wur.nl , http://localhost:8080,"));
        assertEquals(List.of(), SettingValues.of(Map.of(), List.of()).origins(HelpdeskSetting.EMBED_ORIGINS));
        assertEquals(List.of(), HelpdeskConfig.from(Map.of(), List.of()).embedOrigins(), "nobody may embed by default");
        assertEquals(
                List.of("https://library.wur.nl"),
                HelpdeskConfig.from(Map.of(), List.of("--embed-origins=https://library.wur.nl"))
                        .embedOrigins());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "www.wur.nl",
                "https://www.wur.nl/library",
                "ftp://www.wur.nl",
                "*",
                "'self'",
                "https://www.wur.nl?x=1",
                "https://user@www.wur.nl",
                "https://"
            })
    void anOriginWithAPathAnotherSchemeOrAWildcardIsRefusedByName(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> origins(value));
        assertTrue(e.getMessage().startsWith("HELPDESK_EMBED_ORIGINS must list origins"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--port=x                   | HELPDESK_PORT must be a number from 0 to 65535, not 'x'",
                "--port=70000               | HELPDESK_PORT must be a number from 0 to 65535, not '70000'",
                "--retrieval=neural         | HELPDESK_RETRIEVAL must be fused, bm25 or dense, not 'neural'",
                "--embedding-pooling=max    | HELPDESK_EMBEDDING_POOLING must be mean or cls, not 'max'",
                "--optout-allow-private=yes | HELPDESK_OPTOUT_ALLOW_PRIVATE must be true or false, not 'yes'",
                "--optout-max-redirects=-1  | HELPDESK_OPTOUT_MAX_REDIRECTS must be a number from 0 to 10, not '-1'",
                "--llm-provider=gpt         | HELPDESK_LLM_PROVIDER must be none, openai or ollama, not 'gpt'"
            })
    void aBadValueIsRefusedWithTheSettingWhatItAcceptsAndTheValue(String flag, String message) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> HelpdeskConfig.from(Map.of(), List.of(flag)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aFlagOverridesItsVariableAndIsNamedAfterIt() {
        assertEquals(
                "--db-connect-timeout-seconds",
                HelpdeskSetting.DB_CONNECT_TIMEOUT_SECONDS.setting().flag());
        HelpdeskConfig config = HelpdeskConfig.from(
                Map.of("HELPDESK_PORT", "8080", "HELPDESK_RETENTION_DAYS", "30"), List.of("--port=9090"));
        assertEquals(9090, config.port());
        assertEquals(30, config.retentionDays());
        assertTrue(HelpdeskConfig.from(Map.of(), List.of("--optout-allow-private=TRUE"))
                .optOut()
                .allowPrivateAddresses());
    }

    @Test
    void theOptOutCheckLimitsAreSettingsWithTheirFormerDefaults() {
        OptOutConfig defaults = HelpdeskConfig.defaults().optOut();
        assertEquals(
                new OptOutConfig(
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(8),
                        512 * 1024,
                        3,
                        false,
                        "CIP-Helpdesk-OptOutChecker/1.0 (+copyright@wur.nl)",
                        8),
                defaults);
        OptOutConfig set = HelpdeskConfig.from(
                        Map.of("HELPDESK_OPTOUT_USER_AGENT", "Example-Checker/2 (+info@example.org)"),
                        List.of(
                                "--optout-timeout-seconds=20",
                                "--optout-connect-timeout-seconds=5",
                                "--optout-max-body-kb=64",
                                "--optout-max-redirects=0",
                                "--optout-concurrent-checks=2"))
                .optOut();
        assertEquals(
                new OptOutConfig(
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(20),
                        64 * 1024,
                        0,
                        false,
                        "Example-Checker/2 (+info@example.org)",
                        2),
                set);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> HelpdeskConfig.from(Map.of("HELPDESK_OPTOUT_USER_AGENT", "x\r\nX-Evil: 1"), List.of()));
        assertTrue(e.getMessage().startsWith("HELPDESK_OPTOUT_USER_AGENT must be printable ASCII"), e.getMessage());
    }

    @Test
    void everyDeclarationIsOneRowWorthOfText() {
        Set<String> variables = new HashSet<>();
        for (HelpdeskSetting declared : HelpdeskSetting.values()) {
            Setting s = declared.setting();
            assertTrue(variables.add(s.variable()), "declared twice: " + s.variable());
            assertEquals("HELPDESK_" + declared.name(), s.variable(), "the constant is named after its variable");
            for (String text : List.of(s.description(), s.shownDefault(), s.allowed())) {
                assertFalse(
                        text.isBlank() || text.contains("|") || text.contains("\n"), s.variable() + ": '" + text + "'");
            }
        }
    }
}
