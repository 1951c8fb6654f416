package nl.wur.cip.helpdesk.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one way YAML in the knowledge folder is read (front matter, intents, rules, the checklist, the crawler list):
 * strict about a key written twice, and every failure a {@link LoadProblem} with the file's path and line.
 */
public final class KnowledgeYaml {
    // Without strict detection YAML silently keeps the last of two equal keys, hiding a copy-paste slip.
    private final YAMLMapper mapper = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** Reads a whole file; {@code path} is how messages name it. */
    public JsonNode readFile(Path file, String path) throws KnowledgeFormatException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KnowledgeFormatException(path, 0, "cannot read: " + e.getMessage());
        }
        return read(path, text, 1);
    }

    /**
     * Reads YAML text that starts on line {@code firstLine} of its file (a Markdown file's front matter starts on 2),
     * so a problem names the file's own line. Empty text is a missing node.
     */
    public JsonNode read(String path, String text, int firstLine) throws KnowledgeFormatException {
        try {
            JsonNode node = mapper.readTree(text);
            return node == null ? mapper.missingNode() : node;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? 1 : e.getLocation().getLineNr();
            throw new KnowledgeFormatException(path, firstLine + line - 1, "invalid YAML: " + e.getOriginalMessage());
        }
    }
}
