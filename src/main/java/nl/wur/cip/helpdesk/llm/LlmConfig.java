package nl.wur.cip.helpdesk.llm;

import java.time.Duration;
import java.util.Locale;

/**
 * The optional LLM settings, read from the {@code HELPDESK_LLM_*} settings by the root HelpdeskConfig. With the provider {@code none} (the default)
 * the helpdesk answers extractively only and no other setting is needed.
 *
 * @param provider      none, openai (any OpenAI-compatible endpoint) or ollama (Ollama's OpenAI-compatible API)
 * @param baseUrl       the API's base URL, e.g. {@code https://api.openai.com/v1} or {@code http://localhost:11434/v1}
 * @param apiKey        sent as a bearer token; empty for endpoints that need none
 * @param timeout       the most one answer may take; after it the extractive answer is returned
 * @param maxConcurrent the most model calls in flight at once; requests beyond it get the extractive answer
 */
public record LlmConfig(
        Provider provider,
        String baseUrl,
        String model,
        String apiKey,
        Duration timeout,
        int maxTokens,
        int maxConcurrent) {

    public enum Provider {
        NONE,
        OPENAI,
        OLLAMA;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    // The providers' own addresses: facts about those services, not settings of ours.
    public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";
    public static final String OLLAMA_BASE_URL = "http://localhost:11434/v1";

    public static LlmConfig disabled() {
        return new LlmConfig(Provider.NONE, "", "", "", Duration.ofMillis(20_000), 600, 2);
    }

    public boolean enabled() {
        return provider != Provider.NONE;
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return "LlmConfig[provider=" + provider.code() + ", baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
                + (apiKey.isEmpty() ? "none" : "***") + ", timeout=" + timeout.toMillis() + "ms, maxTokens=" + maxTokens
                + ", maxConcurrent=" + maxConcurrent + "]";
    }
}
