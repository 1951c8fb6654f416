package nl.wur.cip.helpdesk.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The helpdesk's own wording from {@code knowledge/messages.yml}, checked completely at start: every {@link Message}
 * in English and Dutch, with the same placeholders in both, and no key the code does not know. A knowledge folder
 * without the file uses the copy the build put in the jar.
 */
public final class Messages {
    public static final String FILE = "messages.yml";
    private static final String BUNDLED = "/nl/wur/cip/helpdesk/knowledge/messages.yml";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    private final Map<Message, Bilingual> texts;

    private Messages(Map<Message, Bilingual> texts) {
        this.texts = texts;
    }

    /** Reads {@code messages.yml} of the knowledge folder, or the bundled one; a problem stops the start. */
    public static Messages load(Path knowledgeDir) {
        Path file = knowledgeDir.resolve(FILE);
        String path = knowledgeDir.getFileName() == null ? FILE : knowledgeDir.getFileName() + "/" + FILE;
        try {
            if (Files.isRegularFile(file)) {
                return parse(path, Files.readString(file, StandardCharsets.UTF_8));
            }
            try (InputStream bundled = Messages.class.getResourceAsStream(BUNDLED)) {
                if (bundled == null) {
                    throw new MessagesException(List.of(new LoadProblem(path, 0, "missing, and the jar has no copy")));
                }
                return parse("(bundled) " + FILE, new String(bundled.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new MessagesException(List.of(new LoadProblem(path, 0, "cannot read: " + e.getMessage())));
        }
    }

    /** Parses and checks the text of a messages file; {@code path} names it in problems. */
    public static Messages parse(String path, String text) {
        KnowledgeYaml.Located located;
        try {
            located = new KnowledgeYaml().readLocated(path, text, 1);
        } catch (KnowledgeFormatException e) {
            throw new MessagesException(List.of(e.problem()));
        }
        JsonNode root = located.root();
        List<LoadProblem> problems = new ArrayList<>();
        if (!root.isObject()) {
            throw new MessagesException(List.of(new LoadProblem(path, 1, "must map each key to an en and an nl text")));
        }
        Map<String, Message> known = new HashMap<>();
        for (Message m : Message.values()) {
            known.put(m.key(), m);
        }
        Map<Message, Bilingual> texts = new EnumMap<>(Message.class);
        root.fields().forEachRemaining(entry -> {
            String key = entry.getKey();
            int line = located.line(root, key);
            Message message = known.get(key);
            if (message == null) {
                problems.add(new LoadProblem(path, line, "unknown key '" + key + "'; the helpdesk does not use it"));
                return;
            }
            JsonNode value = entry.getValue();
            if (!value.isObject() || !Set.of("en", "nl").containsAll(iterable(value))) {
                problems.add(new LoadProblem(path, line, "'" + key + "' must have exactly an en and an nl text"));
                return;
            }
            String en = language(path, located, value, key, "en", problems);
            String nl = language(path, located, value, key, "nl", problems);
            if (en == null || nl == null) {
                return;
            }
            Set<String> wanted = new TreeSet<>(message.placeholders());
            if (!placeholders(en).equals(wanted) || !placeholders(nl).equals(wanted)) {
                problems.add(new LoadProblem(
                        path,
                        line,
                        "'" + key + "' must use the placeholders " + wanted + " in both languages; en has "
                                + placeholders(en) + ", nl has " + placeholders(nl)));
                return;
            }
            texts.put(message, new Bilingual(en, nl));
        });
        for (Message m : Message.values()) {
            if (!texts.containsKey(m) && !root.has(m.key())) {
                problems.add(new LoadProblem(path, 1, "missing key '" + m.key() + "'"));
            }
        }
        if (!problems.isEmpty()) {
            throw new MessagesException(problems);
        }
        return new Messages(texts);
    }

    private static Set<String> iterable(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String language(
            String path,
            KnowledgeYaml.Located located,
            JsonNode value,
            String key,
            String code,
            List<LoadProblem> problems) {
        JsonNode text = value.get(code);
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            problems.add(new LoadProblem(
                    path,
                    located.line(value, code),
                    "'" + key + "." + code + "' must be a text"
                            + " (put it in quotes when it reads as a number or yes/no)"));
            return null;
        }
        return text.asText();
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The text in both languages, placeholders unfilled. */
    public Bilingual of(Message message) {
        return texts.get(message);
    }

    /** The text in {@code language}, with {@code values} ({@code name, value, name, value, ...}) filled in. */
    public String text(Message message, Language language, String... values) {
        Map<String, String> filled = new HashMap<>();
        for (int i = 0; i + 1 < values.length; i += 2) {
            filled.put(values[i], values[i + 1]);
        }
        // One pass, so a value that itself holds braces is never filled in again.
        return PLACEHOLDER
                .matcher(texts.get(message).in(language))
                .replaceAll(m -> Matcher.quoteReplacement(filled.getOrDefault(m.group(1), m.group())));
    }
}
