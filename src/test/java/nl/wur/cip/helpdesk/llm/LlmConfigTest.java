package nl.wur.cip.helpdesk.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import nl.wur.cip.helpdesk.HelpdeskConfig;
import org.junit.jupiter.api.Test;

class LlmConfigTest {
    @Test
    void offByDefault() {
        LlmConfig config = from(Map.of());
        assertFalse(config.enabled());
        assertEquals(20_000, config.timeout().toMillis());
        assertEquals(600, config.maxTokens());
        assertEquals(2, config.maxConcurrent());
    }

    @Test
    void ollamaNeedsOnlyAModel() {
        LlmConfig config = from(Map.of("HELPDESK_LLM_PROVIDER", "Ollama", "HELPDESK_LLM_MODEL", "llama3.1:8b"));
        assertTrue(config.enabled());
        assertEquals(LlmConfig.OLLAMA_BASE_URL, config.baseUrl());
        assertEquals("", config.apiKey());
    }

    @Test
    void theKeyIsNeverPrinted() {
        LlmConfig config = from(Map.of(
                "HELPDESK_LLM_PROVIDER",
                "openai",
                "HELPDESK_LLM_MODEL",
                "gpt-4o-mini",
                "HELPDESK_LLM_API_KEY",
                "sk-secret-123",
                "HELPDESK_LLM_BASE_URL",
                "https://llm.example.org/v1/"));
        assertEquals("https://llm.example.org/v1", config.baseUrl());
        assertFalse(config.toString().contains("sk-secret-123"));
    }

    @Test
    void badValuesNameTheSetting() {
        assertMessage("HELPDESK_LLM_PROVIDER", Map.of("HELPDESK_LLM_PROVIDER", "gpt"));
        assertMessage("HELPDESK_LLM_MODEL", Map.of("HELPDESK_LLM_PROVIDER", "ollama"));
        assertMessage("HELPDESK_LLM_API_KEY", Map.of("HELPDESK_LLM_PROVIDER", "openai", "HELPDESK_LLM_MODEL", "m"));
        assertMessage(
                "HELPDESK_LLM_BASE_URL",
                Map.of(
                        "HELPDESK_LLM_PROVIDER",
                        "ollama",
                        "HELPDESK_LLM_MODEL",
                        "m",
                        "HELPDESK_LLM_BASE_URL",
                        "localhost:11434"));
        assertMessage("HELPDESK_LLM_TIMEOUT_MS", Map.of("HELPDESK_LLM_TIMEOUT_MS", "soon"));
        assertMessage("HELPDESK_LLM_MAX_TOKENS", Map.of("HELPDESK_LLM_MAX_TOKENS", "-1"));
        assertMessage("HELPDESK_LLM_MAX_CONCURRENT", Map.of("HELPDESK_LLM_MAX_CONCURRENT", "0"));
    }

    @Test
    void theSettingsAreFlagsToo() {
        LlmConfig config = HelpdeskConfig.from(
                        Map.of("HELPDESK_LLM_PROVIDER", "openai"),
                        List.of("--llm-provider=ollama", "--llm-model=llama3.1:8b", "--llm-max-concurrent=5"))
                .llm();
        assertEquals(LlmConfig.Provider.OLLAMA, config.provider());
        assertEquals("llama3.1:8b", config.model());
        assertEquals(5, config.maxConcurrent());
    }

    @Test
    void offIsAnotherWordForNone() {
        assertFalse(from(Map.of("HELPDESK_LLM_PROVIDER", " Off ")).enabled());
    }

    private static LlmConfig from(Map<String, String> env) {
        return HelpdeskConfig.from(env, List.of()).llm();
    }

    private static void assertMessage(String setting, Map<String, String> values) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> from(values));
        assertTrue(e.getMessage().startsWith(setting), e.getMessage());
    }
}
