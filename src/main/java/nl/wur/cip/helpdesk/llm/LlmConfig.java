package nl.wur.cip.helpdesk.llm;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import nl.wur.cip.helpdesk.config.Settings;
import java.util.Optional;

/**
 * The optional LLM settings, read from {@code HELPDESK_LLM_*} values. With the provider {@code none} (the default)
 * the helpdesk answers extractively only and no other setting is needed.
 *
 * @param provider      none, openai (any OpenAI-compatible endpoint) or ollama (Ollama's OpenAI-compatible API)
 * @param baseUrl       the API's base URL, e.g. {@code https://api.openai.com/v1} or {@code http://localhost:11434/v1}
 * @param apiKey        sent as a bearer token; empty for endpoints that need none
 * @param timeout       the most one answer may take; after it the extractive answer is returned
 * @param maxConcurrent the most model calls in flight at once; requests beyond it get the extractive answer
 */
public record LlmConfig(Provider provider, String baseUrl, String model, String apiKey, Duration timeout, int maxTokens,
                        int maxConcurrent) {

    public enum Provider {
        NONE, OPENAI, OLLAMA;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final String PROVIDER = "HELPDESK_LLM_PROVIDER";
    public static final String BASE_URL = "HELPDESK_LLM_BASE_URL";
    public static final String MODEL = "HELPDESK_LLM_MODEL";
    public static final String API_KEY = "HELPDESK_LLM_API_KEY";
    public static final String TIMEOUT_MS = "HELPDESK_LLM_TIMEOUT_MS";
    public static final String MAX_TOKENS = "HELPDESK_LLM_MAX_TOKENS";
    public static final String MAX_CONCURRENT = "HELPDESK_LLM_MAX_CONCURRENT";

    public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";
    public static final String OLLAMA_BASE_URL = "http://localhost:11434/v1";

    public static LlmConfig disabled() {
        return new LlmConfig(Provider.NONE, "", "", "", Duration.ofMillis(20_000), 600, 2);
    }

    public boolean enabled() {
        return provider != Provider.NONE;
    }

    /** Reads the settings; a bad value fails with a message naming the setting and what it accepts. */
    public static LlmConfig from(Map<String, String> values) {
        String providerText = value(values, PROVIDER).orElse("none").toLowerCase(Locale.ROOT);
        Provider provider = switch (providerText) {
            case "none", "off", "" -> Provider.NONE;
            case "openai" -> Provider.OPENAI;
            case "ollama" -> Provider.OLLAMA;
            default -> throw new IllegalArgumentException(
                    PROVIDER + " must be none, openai or ollama, not '" + providerText + "'");
        };
        int timeoutMs = Settings.number(values, TIMEOUT_MS, 20_000, 100, 600_000);
        int maxTokens = Settings.number(values, MAX_TOKENS, 600, 16, 32_000);
        int maxConcurrent = Settings.number(values, MAX_CONCURRENT, 2, 1, 1_000);
        if (provider == Provider.NONE) {
            return new LlmConfig(provider, "", "", "", Duration.ofMillis(timeoutMs), maxTokens, maxConcurrent);
        }
        String baseUrl = value(values, BASE_URL).orElse(provider == Provider.OLLAMA ? OLLAMA_BASE_URL : OPENAI_BASE_URL);
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new IllegalArgumentException(BASE_URL + " must be an http:// or https:// URL, not '" + baseUrl + "'");
        }
        String model = value(values, MODEL).orElseThrow(() -> new IllegalArgumentException(
                MODEL + " is required when " + PROVIDER + " is " + provider.code() + " (e.g. gpt-4o-mini or llama3.1:8b)"));
        String apiKey = value(values, API_KEY).orElse("");
        if (provider == Provider.OPENAI && apiKey.isEmpty() && baseUrl.equals(OPENAI_BASE_URL)) {
            throw new IllegalArgumentException(API_KEY + " is required for " + OPENAI_BASE_URL);
        }
        return new LlmConfig(provider, stripSlash(baseUrl), model, apiKey, Duration.ofMillis(timeoutMs), maxTokens,
                maxConcurrent);
    }

    private static Optional<String> value(Map<String, String> values, String name) {
        return Optional.ofNullable(values.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }


    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return "LlmConfig[provider=" + provider.code() + ", baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
                + (apiKey.isEmpty() ? "none" : "***") + ", timeout=" + timeout.toMillis() + "ms, maxTokens=" + maxTokens
                + ", maxConcurrent=" + maxConcurrent + "]";
    }
}
