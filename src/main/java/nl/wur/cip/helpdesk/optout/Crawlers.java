package nl.wur.cip.helpdesk.optout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The well-known AI and TDM crawlers whose robots.txt rules the checker reports, read from crawlers.yml. */
public final class Crawlers {
    /** A crawler's robots.txt product token and who runs it. */
    public record Crawler(String agent, String operator) {
    }

    private Crawlers() {
    }

    /** Reads {@code knowledge/optout/crawlers.yml}; a missing or broken file is an error the caller reports. */
    public static List<Crawler> load(Path file) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            JsonNode list = root == null ? null : root.get("crawlers");
            if (list == null || !list.isArray()) {
                throw new IllegalArgumentException(file + ": expected a 'crawlers' list");
            }
            List<Crawler> crawlers = new ArrayList<>();
            for (JsonNode node : list) {
                String agent = node.path("agent").asText("").strip();
                String operator = node.path("operator").asText("").strip();
                if (agent.isEmpty() || operator.isEmpty() || agent.contains(" ")) {
                    throw new IllegalArgumentException(file + ": every crawler needs an 'agent' token and an 'operator'");
                }
                crawlers.add(new Crawler(agent, operator));
            }
            return List.copyOf(crawlers);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
