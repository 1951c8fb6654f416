package nl.wur.cip.helpdesk.optout;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nl.wur.cip.helpdesk.knowledge.KnowledgeFormatException;
import nl.wur.cip.helpdesk.knowledge.KnowledgeYaml;

/** The well-known AI and TDM crawlers whose robots.txt rules the checker reports, read from crawlers.yml. */
public final class Crawlers {
    /** A crawler's robots.txt product token and who runs it. */
    public record Crawler(String agent, String operator) {}

    private Crawlers() {}

    /**
     * Reads {@code knowledge/optout/crawlers.yml}; a missing or broken file is an {@link IllegalArgumentException} whose
     * message is the problem with its path and line, which the caller reports.
     */
    public static List<Crawler> load(Path file) {
        String path = file.toString();
        try {
            JsonNode list = new KnowledgeYaml().readFile(file, path).get("crawlers");
            if (list == null || !list.isArray()) {
                throw new KnowledgeFormatException(path, 1, "expected a 'crawlers' list");
            }
            List<Crawler> crawlers = new ArrayList<>();
            for (JsonNode node : list) {
                String agent = node.path("agent").asText("").strip();
                String operator = node.path("operator").asText("").strip();
                if (agent.isEmpty() || operator.isEmpty() || agent.contains(" ")) {
                    throw new KnowledgeFormatException(
                            path, 1, "every crawler needs an 'agent' token and an 'operator'");
                }
                crawlers.add(new Crawler(agent, operator));
            }
            return List.copyOf(crawlers);
        } catch (KnowledgeFormatException e) {
            throw new IllegalArgumentException(e.problem().toString(), e);
        }
    }
}
