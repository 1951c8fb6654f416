package nl.wur.cip.helpdesk.knowledge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The one way YAML in the knowledge folder is read (front matter, intents, rules, the checklist, the crawler list):
 * strict about a key written twice, and every failure a {@link LoadProblem} with the file's path and line.
 */
public final class KnowledgeYaml {
    // Without strict detection YAML silently keeps the last of two equal keys, hiding a copy-paste slip.
    private final YAMLMapper mapper = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

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
            int line = e.getLocation() == null || e.getLocation().getLineNr() < 1
                    ? 1
                    : e.getLocation().getLineNr();
            throw new KnowledgeFormatException(path, firstLine + line - 1, "invalid YAML: " + e.getOriginalMessage());
        }
    }

    /**
     * A tree with the line each mapping and list starts on and each mapping key is on, so a problem found after
     * parsing (an option pointing nowhere) can still name its line.
     */
    public static final class Located {
        private JsonNode root;
        private final Map<JsonNode, Integer> lines = new IdentityHashMap<>();
        private final Map<JsonNode, Map<String, Integer>> keyLines = new IdentityHashMap<>();

        private Located(JsonNode root) {
            this.root = root;
        }

        public JsonNode root() {
            return root;
        }

        /** The line a mapping or list starts on; 1 for a node the file does not have (or a plain value). */
        public int line(JsonNode node) {
            return node == null ? 1 : lines.getOrDefault(node, 1);
        }

        /** The line of {@code field}'s key in the mapping {@code node}, else the mapping's own line. */
        public int line(JsonNode node, String field) {
            Integer key =
                    node == null ? null : keyLines.getOrDefault(node, Map.of()).get(field);
            return key != null ? key : line(node);
        }
    }

    /** Reads YAML text like {@link #read}, keeping the lines of its mappings, lists and keys. */
    public Located readLocated(String path, String text, int firstLine) throws KnowledgeFormatException {
        try (JsonParser parser = mapper.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new Located(mapper.missingNode());
            }
            Located located = new Located(null);
            located.root = build(parser, first, located, firstLine);
            return located;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null || e.getLocation().getLineNr() < 1
                    ? 1
                    : e.getLocation().getLineNr();
            throw new KnowledgeFormatException(path, firstLine + line - 1, "invalid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new KnowledgeFormatException(path, 0, "cannot read: " + e.getMessage());
        }
    }

    private JsonNode build(JsonParser parser, JsonToken token, Located located, int firstLine) throws IOException {
        int line = parser.currentTokenLocation().getLineNr() + firstLine - 1;
        if (token == JsonToken.START_OBJECT) {
            ObjectNode object = mapper.createObjectNode();
            located.lines.put(object, line);
            Map<String, Integer> keys = new HashMap<>();
            located.keyLines.put(object, keys);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                keys.put(name, parser.currentTokenLocation().getLineNr() + firstLine - 1);
                object.set(name, build(parser, parser.nextToken(), located, firstLine));
            }
            return object;
        }
        if (token == JsonToken.START_ARRAY) {
            ArrayNode array = mapper.createArrayNode();
            located.lines.put(array, line);
            for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                array.add(build(parser, next, located, firstLine));
            }
            return array;
        }
        JsonNode value = mapper.readTree(parser);
        return value == null ? mapper.nullNode() : value;
    }
}
