package nl.wur.cip.helpdesk.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import nl.wur.cip.helpdesk.search.RetrievalMode;

/**
 * The helpdesk's settings, from environment variables, each overridable by a {@code --name=value} flag
 * (e.g. {@code --port=8080} for {@code HELPDESK_PORT}).
 */
public record HelpdeskConfig(int port, Path dataDir, Path knowledgeDir, Path webDir, String escalationTo,
                             Optional<Path> embeddingModel, String embeddingPooling, RetrievalMode retrievalMode,
                             Optional<String> dbUrl, String dbUser, String dbPassword) {

    public static HelpdeskConfig from(Map<String, String> env, List<String> flags) {
        Map<String, String> values = new HashMap<>(env);
        for (String flag : flags) {
            if (flag.startsWith("--") && flag.contains("=")) {
                String name = flag.substring(2, flag.indexOf('=')).toUpperCase(Locale.ROOT).replace('-', '_');
                values.put("HELPDESK_" + name, flag.substring(flag.indexOf('=') + 1));
            }
        }
        String port = values.getOrDefault("HELPDESK_PORT", "7070");
        int portNumber;
        try {
            portNumber = Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("HELPDESK_PORT must be a number from 0 to 65535, not '" + port + "'");
        }
        if (portNumber < 0 || portNumber > 65535) {
            throw new IllegalArgumentException("HELPDESK_PORT must be a number from 0 to 65535, not '" + port + "'");
        }
        String mode = values.getOrDefault("HELPDESK_RETRIEVAL", "fused").toUpperCase(Locale.ROOT);
        RetrievalMode retrievalMode;
        try {
            retrievalMode = RetrievalMode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HELPDESK_RETRIEVAL must be fused, bm25 or dense, not '" + mode + "'");
        }
        String model = values.getOrDefault("HELPDESK_EMBEDDING_MODEL", "").strip();
        return new HelpdeskConfig(portNumber,
                Path.of(values.getOrDefault("HELPDESK_DATA_DIR", "data")),
                Path.of(values.getOrDefault("HELPDESK_KNOWLEDGE_DIR", "knowledge")),
                Path.of(values.getOrDefault("HELPDESK_WEB_DIR", "web")),
                values.getOrDefault("HELPDESK_ESCALATION_TO", "copyright@wur.nl"),
                model.isEmpty() ? Optional.empty() : Optional.of(Path.of(model)),
                values.getOrDefault("HELPDESK_EMBEDDING_POOLING", "mean").toUpperCase(Locale.ROOT),
                retrievalMode,
                Optional.ofNullable(values.get("HELPDESK_DB_URL")).map(String::strip).filter(s -> !s.isEmpty()),
                values.getOrDefault("HELPDESK_DB_USER", "sa"),
                values.getOrDefault("HELPDESK_DB_PASSWORD", ""));
    }

    /** The JDBC URL: the configured one, or embedded H2 in the data folder. */
    public String databaseUrl() {
        return dbUrl.orElseGet(() -> "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("helpdesk"));
    }

}
