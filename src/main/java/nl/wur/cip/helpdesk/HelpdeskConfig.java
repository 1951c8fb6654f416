package nl.wur.cip.helpdesk;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import nl.wur.cip.helpdesk.admin.OidcSettings;
import nl.wur.cip.helpdesk.config.Settings;
import nl.wur.cip.helpdesk.escalation.EmailAddresses;
import nl.wur.cip.helpdesk.escalation.SmtpSettings;
import nl.wur.cip.helpdesk.guard.GuardSettings;
import nl.wur.cip.helpdesk.search.RetrievalMode;
import nl.wur.cip.helpdesk.storage.DatabaseSettings;

/**
 * The helpdesk's settings, from environment variables, each overridable by a {@code --name=value} flag
 * (e.g. {@code --port=8080} for {@code HELPDESK_PORT}).
 */
public record HelpdeskConfig(int port, Path dataDir, Path knowledgeDir, Path webDir, String escalationTo,
                             Optional<Path> embeddingModel, String embeddingPooling, int embeddingThreads, RetrievalMode retrievalMode,
                             Optional<String> dbUrl, String dbUser, String dbPassword, int dbPoolSize,
                             int dbConnectTimeoutSeconds, Optional<SmtpSettings> smtp,
                             Optional<String> adminPassword, Optional<OidcSettings> oidc, int retentionDays, boolean optOutAllowPrivate,
                             GuardSettings guards, Optional<String> metricsToken, int answerCache, List<String> embedOrigins) {

    public static HelpdeskConfig from(Map<String, String> env, List<String> flags) {
        Map<String, String> values = new HashMap<>(env);
        for (String flag : flags) {
            if (flag.startsWith("--") && flag.contains("=")) {
                String name = flag.substring(2, flag.indexOf('=')).toUpperCase(Locale.ROOT).replace('-', '_');
                values.put("HELPDESK_" + name, flag.substring(flag.indexOf('=') + 1));
            }
        }
        int portNumber = Settings.number(values, "HELPDESK_PORT", 7070, 0, 65535);
        String mode = values.getOrDefault("HELPDESK_RETRIEVAL", "fused").toUpperCase(Locale.ROOT);
        RetrievalMode retrievalMode;
        try {
            retrievalMode = RetrievalMode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HELPDESK_RETRIEVAL must be fused, bm25 or dense, not '" + mode + "'");
        }
        String model = values.getOrDefault("HELPDESK_EMBEDDING_MODEL", "").strip();
        String escalationTo = values.getOrDefault("HELPDESK_ESCALATION_TO", "copyright@wur.nl").strip();
        if (EmailAddresses.parse(escalationTo).isEmpty()) {
            throw new IllegalArgumentException("HELPDESK_ESCALATION_TO must be one plain e-mail address, not '" + escalationTo + "'");
        }
        return new HelpdeskConfig(portNumber,
                Path.of(values.getOrDefault("HELPDESK_DATA_DIR", "data")),
                Path.of(values.getOrDefault("HELPDESK_KNOWLEDGE_DIR", "knowledge")),
                Path.of(values.getOrDefault("HELPDESK_WEB_DIR", "web")),
                escalationTo,
                model.isEmpty() ? Optional.empty() : Optional.of(Path.of(model)),
                values.getOrDefault("HELPDESK_EMBEDDING_POOLING", "mean").toUpperCase(Locale.ROOT),
                Settings.number(values, "HELPDESK_EMBEDDING_THREADS", 1, 1, 64),
                retrievalMode,
                Optional.ofNullable(values.get("HELPDESK_DB_URL")).map(String::strip).filter(s -> !s.isEmpty()),
                values.getOrDefault("HELPDESK_DB_USER", "sa"),
                values.getOrDefault("HELPDESK_DB_PASSWORD", ""),
                Settings.number(values, "HELPDESK_DB_POOL_SIZE", DatabaseSettings.DEFAULT_POOL_SIZE, 1, 200),
                Settings.number(values, "HELPDESK_DB_CONNECT_TIMEOUT_SECONDS",
                        (int) DatabaseSettings.DEFAULT_CONNECT_TIMEOUT.toSeconds(), 1, 300),
                SmtpSettings.from(values),
                Optional.ofNullable(values.get("HELPDESK_ADMIN_PASSWORD")).filter(p -> !p.isBlank()),
                OidcSettings.from(values),
                Settings.number(values, "HELPDESK_RETENTION_DAYS", 180, 1, 3650),
                "true".equalsIgnoreCase(values.getOrDefault("HELPDESK_OPTOUT_ALLOW_PRIVATE", "false").strip()),
                GuardSettings.from(values),
                Optional.ofNullable(values.get("HELPDESK_METRICS_TOKEN")).map(String::strip).filter(t -> !t.isEmpty()),
                Settings.number(values, "HELPDESK_ANSWER_CACHE", 1000, 0, 1_000_000),
                Settings.origins(values, "HELPDESK_EMBED_ORIGINS"));
    }

    @Override
    public String toString() {
        // Passwords stay out of logs and error messages.
        return "HelpdeskConfig[port=" + port + ", dataDir=" + dataDir + ", knowledgeDir=" + knowledgeDir + ", webDir=" + webDir
                + ", escalationTo=" + escalationTo + ", retrieval=" + retrievalMode + ", db=" + databaseUrl() + ", dbPool=" + dbPoolSize
                + ", smtp="
                + smtp.map(SmtpSettings::toString).orElse("none") + ", admin=" + (adminPassword.isPresent() ? "on" : "off")
                + ", oidc=" + oidc.map(OidcSettings::toString).orElse("off")
                + ", retentionDays=" + retentionDays + ", optOutAllowPrivate=" + optOutAllowPrivate + ", " + guards
                + ", metricsToken=" + (metricsToken.isPresent() ? "set" : "none") + ", answerCache=" + answerCache
                + ", embedOrigins=" + embedOrigins + "]";
    }

    /** The same settings over another data folder (the benchmark's and the build's scratch folders). */
    public HelpdeskConfig withDataDir(Path folder) {
        return new HelpdeskConfig(port, folder, knowledgeDir, webDir, escalationTo, embeddingModel, embeddingPooling,
                embeddingThreads, retrievalMode, dbUrl, dbUser, dbPassword, dbPoolSize, dbConnectTimeoutSeconds, smtp, adminPassword,
                oidc, retentionDays, optOutAllowPrivate, guards, metricsToken, answerCache, embedOrigins);
    }

    /**
     * The JDBC URL: the configured one, or embedded H2 in the data folder. WRITE_DELAY=0 makes H2 write each commit to
     * the file before returning, so an acknowledged escalation survives a kill -9. No trace file: H2 writes failed
     * statements there with their values (questions). COMPRESS halves what the mostly-text rows take on disk.
     */
    /** The database and its pool. */
    public DatabaseSettings database() {
        return new DatabaseSettings(databaseUrl(), dbUser, dbPassword, dbPoolSize, Duration.ofSeconds(dbConnectTimeoutSeconds));
    }

    public String databaseUrl() {
        return dbUrl.orElseGet(() -> "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("helpdesk")
                + ";WRITE_DELAY=0;TRACE_LEVEL_FILE=0;COMPRESS=TRUE");
    }

}
