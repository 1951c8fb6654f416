package nl.wur.cip.helpdesk;

import static nl.wur.cip.helpdesk.HelpdeskSetting.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import nl.wur.cip.helpdesk.admin.OidcSettings;
import nl.wur.cip.helpdesk.config.SettingValues;
import nl.wur.cip.helpdesk.escalation.EmailAddresses;
import nl.wur.cip.helpdesk.escalation.SmtpSettings;
import nl.wur.cip.helpdesk.guard.GuardSettings;
import nl.wur.cip.helpdesk.llm.LlmConfig;
import nl.wur.cip.helpdesk.optout.OptOutConfig;
import nl.wur.cip.helpdesk.search.RetrievalMode;
import nl.wur.cip.helpdesk.storage.DatabaseSettings;

/**
 * The helpdesk's settings, parsed in one place from the declarations in {@link HelpdeskSetting}: environment variables,
 * each overridable by a {@code --name=value} flag (e.g. {@code --port=8080} for {@code HELPDESK_PORT}). The features'
 * settings are records inside it.
 */
public record HelpdeskConfig(
        int port,
        Path dataDir,
        Path knowledgeDir,
        Path webDir,
        Optional<Path> draftsDir,
        String escalationTo,
        Optional<Path> embeddingModel,
        String embeddingPooling,
        int embeddingThreads,
        RetrievalMode retrievalMode,
        Optional<String> dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        int dbConnectTimeoutSeconds,
        Optional<SmtpSettings> smtp,
        Optional<String> adminPassword,
        Optional<OidcSettings> oidc,
        int retentionDays,
        OptOutConfig optOut,
        GuardSettings guards,
        Optional<String> metricsToken,
        int answerCache,
        List<String> embedOrigins,
        LlmConfig llm) {

    /** Every setting at its default (nothing read from the environment). */
    public static HelpdeskConfig defaults() {
        return from(Map.of(), List.of());
    }

    public static HelpdeskConfig from(Map<String, String> env, List<String> flags) {
        SettingValues values = SettingValues.of(env, flags);
        String escalationTo = values.text(ESCALATION_TO);
        if (EmailAddresses.parse(escalationTo).isEmpty()) {
            throw new IllegalArgumentException(
                    "HELPDESK_ESCALATION_TO must be one plain e-mail address, not '" + escalationTo + "'");
        }
        return new HelpdeskConfig(
                values.number(PORT),
                Path.of(values.raw(DATA_DIR)),
                Path.of(values.raw(KNOWLEDGE_DIR)),
                Path.of(values.raw(WEB_DIR)),
                values.given(DRAFTS_DIR).map(Path::of),
                escalationTo,
                values.given(EMBEDDING_MODEL).map(Path::of),
                values.choice(EMBEDDING_POOLING).toUpperCase(Locale.ROOT),
                values.number(EMBEDDING_THREADS),
                RetrievalMode.valueOf(values.choice(RETRIEVAL).toUpperCase(Locale.ROOT)),
                values.given(DB_URL),
                values.raw(DB_USER),
                values.raw(DB_PASSWORD),
                values.number(DB_POOL_SIZE),
                values.number(DB_CONNECT_TIMEOUT_SECONDS),
                smtp(values),
                values.secret(ADMIN_PASSWORD),
                oidc(values),
                values.number(RETENTION_DAYS),
                optOut(values),
                guards(values),
                values.given(METRICS_TOKEN),
                values.number(ANSWER_CACHE),
                values.origins(EMBED_ORIGINS),
                llm(values));
    }

    /** Absent when no host is configured: then the other SMTP settings are not looked at. */
    private static Optional<SmtpSettings> smtp(SettingValues values) {
        Optional<String> host = values.given(SMTP_HOST);
        if (host.isEmpty()) {
            return Optional.empty();
        }
        SmtpSettings.Tls tls = SmtpSettings.Tls.valueOf(values.choice(SMTP_TLS).toUpperCase(Locale.ROOT));
        int defaultPort = switch (tls) {
            case NONE -> 25;
            case STARTTLS -> 587;
            case TLS -> 465;
        };
        int port = values.number(SMTP_PORT, defaultPort);
        int timeoutSeconds = values.number(SMTP_TIMEOUT_SECONDS);
        String from = values.text(SMTP_FROM);
        if (from.isEmpty()) {
            throw new IllegalArgumentException("HELPDESK_SMTP_FROM is required when HELPDESK_SMTP_HOST is set"
                    + " (the address the helpdesk sends from, e.g. cip-helpdesk@wur.nl)");
        }
        if (EmailAddresses.parse(from).isEmpty()) {
            throw new IllegalArgumentException("HELPDESK_SMTP_FROM must be a plain e-mail address, not '" + from + "'");
        }
        return Optional.of(new SmtpSettings(
                host.get(),
                port,
                tls,
                values.given(SMTP_USER),
                values.secret(SMTP_PASSWORD),
                from,
                Duration.ofSeconds(timeoutSeconds)));
    }

    /** Absent without a discovery URL; OidcSettings checks that the rest fits together. */
    private static Optional<OidcSettings> oidc(SettingValues values) {
        Map<String, String> oidc = new HashMap<>();
        for (HelpdeskSetting setting : List.of(
                OIDC_DISCOVERY_URL,
                OIDC_CLIENT_ID,
                OIDC_CLIENT_SECRET,
                OIDC_REDIRECT_URL,
                OIDC_HANDLERS,
                OIDC_VIEWERS,
                OIDC_GROUPS_CLAIM,
                OIDC_HANDLER_GROUPS,
                OIDC_VIEWER_GROUPS)) {
            oidc.put(setting.setting().variable(), values.text(setting));
        }
        return OidcSettings.from(oidc);
    }

    private static GuardSettings guards(SettingValues values) {
        return new GuardSettings(
                values.number(RATE_ASK_PER_MINUTE),
                values.number(RATE_FEEDBACK_PER_MINUTE),
                values.number(RATE_ESCALATIONS_PER_HOUR),
                values.number(RATE_ASSESS_PER_MINUTE),
                values.number(RATE_LOGINS_PER_MINUTE),
                values.number(IN_FLIGHT_PER_ADDRESS),
                values.number(WORK_CONCURRENCY, Runtime.getRuntime().availableProcessors()),
                values.number(WORK_QUEUE),
                values.number(MIN_FREE_DISK_MB),
                values.number(RATE_OPTOUT_PER_MINUTE));
    }

    private static OptOutConfig optOut(SettingValues values) {
        String userAgent = values.given(OPTOUT_USER_AGENT)
                .orElse(OPTOUT_USER_AGENT.setting().fallback());
        if (!userAgent.matches("[\\x20-\\x7E]+")) { // it goes into a request header
            throw new IllegalArgumentException(
                    "HELPDESK_OPTOUT_USER_AGENT must be printable ASCII, not '" + userAgent + "'");
        }
        return new OptOutConfig(
                Duration.ofSeconds(values.number(OPTOUT_CONNECT_TIMEOUT_SECONDS)),
                Duration.ofSeconds(values.number(OPTOUT_TIMEOUT_SECONDS)),
                values.number(OPTOUT_MAX_BODY_KB) * 1024,
                values.number(OPTOUT_MAX_REDIRECTS),
                values.onOff(OPTOUT_ALLOW_PRIVATE),
                userAgent,
                values.number(OPTOUT_CONCURRENT_CHECKS));
    }

    /** With the provider {@code none} (the default) no other LLM setting but the limits is looked at. */
    private static LlmConfig llm(SettingValues values) {
        // "off" is an older spelling of none, still accepted.
        LlmConfig.Provider provider = values.text(LLM_PROVIDER).equalsIgnoreCase("off")
                ? LlmConfig.Provider.NONE
                : LlmConfig.Provider.valueOf(values.choice(LLM_PROVIDER).toUpperCase(Locale.ROOT));
        Duration timeout = Duration.ofMillis(values.number(LLM_TIMEOUT_MS));
        int maxTokens = values.number(LLM_MAX_TOKENS);
        int maxConcurrent = values.number(LLM_MAX_CONCURRENT);
        if (provider == LlmConfig.Provider.NONE) {
            return new LlmConfig(provider, "", "", "", timeout, maxTokens, maxConcurrent);
        }
        String baseUrl = values.given(LLM_BASE_URL)
                .orElse(provider == LlmConfig.Provider.OLLAMA ? LlmConfig.OLLAMA_BASE_URL : LlmConfig.OPENAI_BASE_URL);
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new IllegalArgumentException(
                    "HELPDESK_LLM_BASE_URL must be an http:// or https:// URL, not '" + baseUrl + "'");
        }
        String model = values.given(LLM_MODEL)
                .orElseThrow(() -> new IllegalArgumentException("HELPDESK_LLM_MODEL is required"
                        + " when HELPDESK_LLM_PROVIDER is " + provider.code() + " (e.g. gpt-4o-mini or llama3.1:8b)"));
        String apiKey = values.given(LLM_API_KEY).orElse("");
        if (provider == LlmConfig.Provider.OPENAI && apiKey.isEmpty() && baseUrl.equals(LlmConfig.OPENAI_BASE_URL)) {
            throw new IllegalArgumentException("HELPDESK_LLM_API_KEY is required for " + LlmConfig.OPENAI_BASE_URL);
        }
        String bare = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return new LlmConfig(provider, bare, model, apiKey, timeout, maxTokens, maxConcurrent);
    }

    @Override
    public String toString() {
        // Passwords stay out of logs and error messages.
        return "HelpdeskConfig[port=" + port + ", dataDir=" + dataDir + ", knowledgeDir=" + knowledgeDir + ", webDir="
                + webDir
                + ", drafts=" + draftsFolder()
                + ", escalationTo=" + escalationTo + ", retrieval=" + retrievalMode + ", db=" + databaseUrl()
                + ", dbPool=" + dbPoolSize
                + ", smtp="
                + smtp.map(SmtpSettings::toString).orElse("none") + ", admin="
                + (adminPassword.isPresent() ? "on" : "off")
                + ", oidc=" + oidc.map(OidcSettings::toString).orElse("off")
                + ", retentionDays=" + retentionDays + ", optOutAllowPrivate=" + optOut.allowPrivateAddresses() + ", "
                + guards
                + ", metricsToken=" + (metricsToken.isPresent() ? "set" : "none") + ", answerCache=" + answerCache
                + ", embedOrigins=" + embedOrigins + ", " + llm + "]";
    }

    /** The same settings over another data folder (the benchmark's and the build's scratch folders). */
    public HelpdeskConfig withDataDir(Path folder) {
        return new HelpdeskConfig(
                port,
                folder,
                knowledgeDir,
                webDir,
                draftsDir,
                escalationTo,
                embeddingModel,
                embeddingPooling,
                embeddingThreads,
                retrievalMode,
                dbUrl,
                dbUser,
                dbPassword,
                dbPoolSize,
                dbConnectTimeoutSeconds,
                smtp,
                adminPassword,
                oidc,
                retentionDays,
                optOut,
                guards,
                metricsToken,
                answerCache,
                embedOrigins,
                llm);
    }

    /** Where drafted cards are saved: the setting, or {@code drafts} in the data folder (which follows the data folder). */
    public Path draftsFolder() {
        return draftsDir.orElseGet(() -> dataDir.resolve("drafts"));
    }

    /** The database and its pool. */
    public DatabaseSettings database() {
        return new DatabaseSettings(
                databaseUrl(), dbUser, dbPassword, dbPoolSize, Duration.ofSeconds(dbConnectTimeoutSeconds));
    }

    /**
     * The JDBC URL: the configured one, or embedded H2 in the data folder. WRITE_DELAY=0 makes H2 write each commit to
     * the file before returning, so an acknowledged escalation survives a kill -9. No trace file: H2 writes failed
     * statements there with their values (questions). COMPRESS halves what the mostly-text rows take on disk.
     */
    public String databaseUrl() {
        return dbUrl.orElseGet(() -> "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("helpdesk")
                + ";WRITE_DELAY=0;TRACE_LEVEL_FILE=0;COMPRESS=TRUE");
    }
}
