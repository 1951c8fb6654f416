package nl.wur.cip.helpdesk.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Reads the knowledge folder. A file that breaks the format is reported with its path and line and
 * skipped, so one typo by the office never takes the helpdesk down.
 */
public final class KnowledgeLoader {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** A note to the writer ({@code <!-- … -->}), as a drafted card holds where its answers go: never served. */
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    /** Long sections are split at paragraphs so a citation points at the text that answers. */
    private static final int MAX_PASSAGE_CHARS = 1200;

    private final KnowledgeYaml yaml = new KnowledgeYaml();

    /** Reads one Markdown file of the folder into what it holds (a document, a card). */
    private interface MarkdownReader<T> {
        T read(String path, String content) throws KnowledgeFormatException;
    }

    public KnowledgeBase load(Path root) {
        List<LoadProblem> problems = new ArrayList<>();
        List<KnowledgeDocument> documents = new ArrayList<>();
        List<AnswerCard> cards = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String kind : List.of("guidance", "law")) {
            readAll(
                    root,
                    kind,
                    (path, content) -> readDocument(kind, path, content),
                    KnowledgeDocument::id,
                    documents,
                    ids,
                    problems);
        }
        readAll(root, "faq", this::readCard, AnswerCard::id, cards, ids, problems);
        Set<String> documentIds = new HashSet<>();
        documents.forEach(d -> documentIds.add(d.id()));
        Set<String> cardIds = new HashSet<>();
        cards.forEach(c -> cardIds.add(c.id()));
        List<AnswerCard> resolved = new ArrayList<>();
        for (AnswerCard card : cards) {
            List<String> missing = card.cites().stream()
                    .filter(id -> !documentIds.contains(id))
                    .toList();
            List<String> missingRelated =
                    card.related().stream().filter(id -> !cardIds.contains(id)).toList();
            missingRelated.forEach(
                    id -> problems.add(new LoadProblem(card.path(), 1, "related card '" + id + "' does not exist")));
            if (!missing.isEmpty()) {
                problems.add(new LoadProblem(card.path(), 1, "cites unknown ids " + missing + "; card skipped"));
                continue;
            }
            resolved.add(new AnswerCard(
                    card.id(),
                    card.title(),
                    card.escalate(),
                    card.escalationReason(),
                    card.cites(),
                    card.related().stream().filter(cardIds::contains).toList(),
                    card.questions(),
                    card.answer(),
                    card.path()));
        }
        Rules rules = readRules(root, problems);
        List<IntentExamples> intents = readIntents(root, ids, problems);
        // Unlike a card, the wording cannot be skipped: a broken messages file stops the start.
        Messages messages = Messages.load(root);
        return new KnowledgeBase(
                List.copyOf(documents), List.copyOf(resolved), intents, rules, List.copyOf(problems), messages);
    }

    /** Every Markdown file of one folder; a broken file or a second use of an id is reported and skipped. */
    private <T> void readAll(
            Path root,
            String folder,
            MarkdownReader<T> reader,
            java.util.function.Function<T, String> idOf,
            List<T> into,
            Set<String> ids,
            List<LoadProblem> problems) {
        for (Path file : markdownFiles(root.resolve(folder))) {
            String path = display(root, file);
            try {
                T item = reader.read(path, Files.readString(file, StandardCharsets.UTF_8));
                if (ids.add(idOf.apply(item))) {
                    into.add(item);
                } else {
                    problems.add(new LoadProblem(path, 1, "duplicate id '" + idOf.apply(item) + "'"));
                }
            } catch (KnowledgeFormatException e) {
                problems.add(e.problem());
            } catch (IOException e) {
                problems.add(new LoadProblem(path, 0, "cannot read: " + e.getMessage()));
            }
        }
    }

    KnowledgeDocument readDocument(String kind, String path, String content) throws KnowledgeFormatException {
        MarkdownFile file = MarkdownFile.parse(path, content);
        JsonNode meta = frontMatter(path, file);
        String id = requireId(path, meta);
        String title = requireText(path, meta, "title");
        String reference = requireText(path, meta, "reference");
        if (!meta.has("url")) {
            throw new KnowledgeFormatException(
                    path, 2, "missing field 'url' (write url: \"\" when there is no official address)");
        }
        String url = meta.get("url").isNull() ? "" : meta.get("url").asText("").strip();
        Language language = Language.fromCode(requireText(path, meta, "language"))
                .orElseThrow(() -> new KnowledgeFormatException(path, 2, "field 'language' must be en or nl"));
        String updated = requireDate(path, meta);
        List<Passage> passages = new ArrayList<>();
        for (MarkdownFile.Section section : file.sections()) {
            String sectionReference = reference;
            String text = section.text();
            if (text.startsWith(">")) {
                int end = text.indexOf('\n');
                sectionReference =
                        (end < 0 ? text : text.substring(0, end)).substring(1).strip();
                text = end < 0 ? "" : text.substring(end + 1).strip();
            }
            for (String chunk : chunks(clean(text))) {
                passages.add(new Passage(
                        id + "#" + (passages.size() + 1),
                        id,
                        title,
                        sectionReference,
                        url,
                        language,
                        section.heading(),
                        chunk));
            }
        }
        if (passages.isEmpty()) {
            throw new KnowledgeFormatException(path, file.frontMatterLine(), "the document has no text");
        }
        return new KnowledgeDocument(id, kind, title, reference, url, language, updated, path, List.copyOf(passages));
    }

    AnswerCard readCard(String path, String content) throws KnowledgeFormatException {
        MarkdownFile file = MarkdownFile.parse(path, content);
        JsonNode meta = frontMatter(path, file);
        String id = requireId(path, meta);
        Map<Language, String> title = new EnumMap<>(Language.class);
        title.put(Language.EN, requireText(path, meta, "title"));
        title.put(Language.NL, requireText(path, meta, "title_nl"));
        String outcome = requireText(path, meta, "outcome");
        if (!outcome.equals("answered") && !outcome.equals("escalate")) {
            throw new KnowledgeFormatException(path, 2, "field 'outcome' must be answered or escalate");
        }
        boolean escalate = outcome.equals("escalate");
        requireDate(path, meta);
        List<String> cites = stringList(meta.get("cites"));
        if (cites.isEmpty()) {
            throw new KnowledgeFormatException(path, 2, "field 'cites' must name at least one guidance or law id");
        }
        Map<Language, List<String>> questions = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            List<String> list = stringList(meta.path("questions").get(language.code()));
            if (list.size() < 2) {
                throw new KnowledgeFormatException(
                        path, 2, "questions." + language.code() + " needs at least two phrasings");
            }
            questions.put(language, list);
        }
        Map<Language, String> reason = new EnumMap<>(Language.class);
        if (escalate) {
            reason.putAll(bilingual(path, meta, "escalation_reason"));
        }
        Map<Language, String> answer = new EnumMap<>(Language.class);
        for (MarkdownFile.Section section : file.sections()) {
            languageOfHeading(section.heading())
                    .ifPresent(l ->
                            answer.put(l, clean(COMMENT.matcher(section.text()).replaceAll(""))));
        }
        for (Language language : Language.values()) {
            if (answer.getOrDefault(language, "").isBlank()) {
                // A drafted card has only a note under its headings: refused, so a draft is never served by accident.
                throw new KnowledgeFormatException(
                        path,
                        file.frontMatterLine(),
                        "missing answer section '## " + (language == Language.EN ? "English" : "Nederlands")
                                + "' (or it holds only a comment, as a draft does)");
            }
        }
        return new AnswerCard(
                id, title, escalate, reason, cites, stringList(meta.get("related")), questions, answer, path);
    }

    /** The intents that are not cards ({@code intents/*.yml}); a broken file is reported and skipped. */
    private List<IntentExamples> readIntents(Path root, Set<String> ids, List<LoadProblem> problems) {
        Path folder = root.resolve("intents");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> files;
        try (var listing = Files.list(folder)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.add(new LoadProblem(display(root, folder), 0, "cannot read: " + e.getMessage()));
            return List.of();
        }
        List<IntentExamples> intents = new ArrayList<>();
        for (Path file : files) {
            String path = display(root, file);
            try {
                JsonNode node = yaml.readFile(file, path);
                if (!node.isObject()) {
                    throw new KnowledgeFormatException(path, 1, "not a YAML mapping");
                }
                String id = requireId(path, node);
                String outcome = node.path("outcome").asText();
                if (!outcome.equals(IntentExamples.ESCALATE) && !outcome.equals(IntentExamples.OFF_TOPIC)) {
                    throw new KnowledgeFormatException(
                            path, 1, "outcome must be escalate or off_topic, not '" + outcome + "'");
                }
                Map<Language, String> reason =
                        outcome.equals(IntentExamples.ESCALATE) ? bilingual(path, node, "reason") : Map.of();
                Map<Language, List<String>> questions = new EnumMap<>(Language.class);
                for (Language language : Language.values()) {
                    List<String> list = stringList(node.path("questions").get(language.code()));
                    if (list.size() < 2) {
                        throw new KnowledgeFormatException(
                                path, 1, "needs at least two questions in '" + language.code() + "'");
                    }
                    questions.put(language, list);
                }
                if (!ids.add(id)) {
                    throw new KnowledgeFormatException(path, 1, "duplicate id '" + id + "'");
                }
                intents.add(new IntentExamples(id, outcome, reason, Map.copyOf(questions), path));
            } catch (KnowledgeFormatException e) {
                problems.add(e.problem());
            }
        }
        return List.copyOf(intents);
    }

    private Rules readRules(Path root, List<LoadProblem> problems) {
        Path scopeFile = root.resolve("rules/scope.yml");
        Path termsFile = root.resolve("rules/terms.yml");
        List<Pattern> onTopic = new ArrayList<>();
        List<Rules.EscalationTopic> topics = new ArrayList<>();
        Map<Language, String> offTopic = Map.of();
        Map<Language, String> notSettled = Map.of();
        Map<Language, String> notSettledReason = Map.of();
        Map<Language, String> closestTopicIntro = Map.of();
        List<String> officeIntents = List.of();
        Map<String, List<String>> terms = new LinkedHashMap<>();
        String scopePath = display(root, scopeFile);
        if (Files.isRegularFile(scopeFile)) {
            try {
                JsonNode scope = yaml.readFile(scopeFile, scopePath);
                onTopic.addAll(patterns(scopePath, scope.get("on_topic")));
                for (JsonNode topic : scope.path("escalate")) {
                    topics.add(new Rules.EscalationTopic(
                            topic.path("id").asText(),
                            patterns(scopePath, topic.get("patterns")),
                            bilingual(scopePath, topic, "reason"),
                            Optional.of(topic.path("card").asText("").strip()).filter(c -> !c.isEmpty())));
                }
                offTopic = bilingual(scopePath, scope, "off_topic_answer");
                notSettled = bilingual(scopePath, scope, "not_settled_answer");
                notSettledReason = bilingual(scopePath, scope, "not_settled_reason");
                closestTopicIntro = scope.has("closest_topic_intro")
                        ? bilingual(scopePath, scope, "closest_topic_intro")
                        : Map.of();
                officeIntents = stringList(scope.path("office_intents"));
            } catch (KnowledgeFormatException e) {
                problems.add(e.problem());
            }
        } else {
            problems.add(new LoadProblem(scopePath, 0, "missing: without it every question counts as off topic"));
        }
        if (Files.isRegularFile(termsFile)) {
            try {
                JsonNode node = yaml.readFile(termsFile, display(root, termsFile));
                node.path("dutch_to_english")
                        .fields()
                        .forEachRemaining(
                                e -> terms.put(e.getKey().toLowerCase(Locale.ROOT), stringList(e.getValue())));
            } catch (KnowledgeFormatException e) {
                problems.add(e.problem());
            }
        }
        return new Rules(
                List.copyOf(onTopic),
                List.copyOf(topics),
                offTopic,
                notSettled,
                notSettledReason,
                closestTopicIntro,
                officeIntents,
                // The file's order, not Map.copyOf's per-run order: the Dutch query text must be the same at every
                // start.
                java.util.Collections.unmodifiableMap(terms));
    }

    private JsonNode frontMatter(String path, MarkdownFile file) throws KnowledgeFormatException {
        JsonNode node = yaml.read(path, file.frontMatter(), file.frontMatterLine());
        if (!node.isObject()) {
            throw new KnowledgeFormatException(path, 2, "the front matter must be a YAML mapping");
        }
        return node;
    }

    private static String requireId(String path, JsonNode meta) throws KnowledgeFormatException {
        String id = requireText(path, meta, "id");
        if (!ID.matcher(id).matches()) {
            throw new KnowledgeFormatException(
                    path, 2, "id '" + id + "' may use only lowercase letters, digits and '-'");
        }
        return id;
    }

    private static String requireText(String path, JsonNode meta, String field) throws KnowledgeFormatException {
        JsonNode value = meta.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new KnowledgeFormatException(path, 2, "missing field '" + field + "'");
        }
        return value.asText().strip();
    }

    private static String requireDate(String path, JsonNode meta) throws KnowledgeFormatException {
        String updated = requireText(path, meta, "updated");
        if (!DATE.matcher(updated).matches()) {
            throw new KnowledgeFormatException(path, 2, "field 'updated' must be a date YYYY-MM-DD");
        }
        return updated;
    }

    private static Map<Language, String> bilingual(String path, JsonNode node, String field)
            throws KnowledgeFormatException {
        Map<Language, String> texts = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            String text = node.path(field).path(language.code()).asText("").strip();
            if (text.isEmpty()) {
                throw new KnowledgeFormatException(path, 2, "missing field '" + field + "." + language.code() + "'");
            }
            texts.put(language, text);
        }
        return texts;
    }

    private static List<Pattern> patterns(String path, JsonNode node) throws KnowledgeFormatException {
        List<Pattern> patterns = new ArrayList<>();
        for (String regex : stringList(node)) {
            try {
                patterns.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
            } catch (PatternSyntaxException e) {
                throw new KnowledgeFormatException(path, 0, "bad pattern '" + regex + "': " + e.getDescription());
            }
        }
        return patterns;
    }

    private static List<String> stringList(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(v -> {
                if (v.isValueNode() && !v.asText().isBlank()) {
                    values.add(v.asText().strip());
                }
            });
        }
        return List.copyOf(values);
    }

    private static java.util.Optional<Language> languageOfHeading(String heading) {
        return switch (heading.strip().toLowerCase(Locale.ROOT)) {
            case "english", "en" -> java.util.Optional.of(Language.EN);
            case "nederlands", "nl", "dutch" -> java.util.Optional.of(Language.NL);
            default -> java.util.Optional.empty();
        };
    }

    /** Markdown emphasis and list markers mean nothing in the plain-text answer. */
    static String clean(String text) {
        return text.replace("**", "")
                .replace("__", "")
                .replaceAll("(?m)^\\s*[-*•]\\s+", "• ")
                .replaceAll("(?m)^>\\s?", "")
                .replaceAll("\n{3,}", "\n\n")
                .strip();
    }

    private static List<String> chunks(String text) {
        if (text.length() <= MAX_PASSAGE_CHARS) {
            return text.isEmpty() ? List.of() : List.of(text);
        }
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String paragraph : text.split("\n\\s*\n")) {
            if (current.length() > 0 && current.length() + paragraph.length() > MAX_PASSAGE_CHARS) {
                chunks.add(current.toString().strip());
                current.setLength(0);
            }
            current.append(paragraph).append("\n\n");
        }
        if (!current.toString().isBlank()) {
            chunks.add(current.toString().strip());
        }
        return chunks;
    }

    private static List<Path> markdownFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String display(Path root, Path file) {
        return root.getFileName() == null
                ? file.toString()
                : root.getFileName().resolve(root.relativize(file)).toString();
    }
}
