package nl.wur.cip.helpdesk.checklist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code knowledge/checklist/checklist.yml} and checks it completely: a broken tree would
 * strand researchers half-way, so every problem is reported, each with the file's path, and
 * nothing loads until the office has fixed them all.
 */
public final class ChecklistLoader {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Set<String> TOP_FIELDS = Set.of("version", "start", "questions", "levels", "conditions", "flags");
    private static final Set<String> QUESTION_FIELDS = Set.of("id", "text", "help", "cites", "options");
    private static final Set<String> OPTION_FIELDS = Set.of("id", "label", "next", "level", "conditions", "flags");
    private static final Set<String> LEVEL_FIELDS = Set.of("id", "title", "text", "cites");
    private static final Set<String> NOTE_FIELDS = Set.of("text", "cites");
    private static final Set<String> LANGUAGES = Set.of("en", "nl");

    // Without strict detection YAML silently keeps the last of two equal keys, hiding a copy-paste slip.
    private final YAMLMapper yaml = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** Reads and checks the tree's structure. */
    public Checklist load(Path file) {
        String source = file.toString();
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ChecklistException(source + ": cannot read: " + e.getMessage());
        }
        return parse(source, content);
    }

    /** Reads and checks the tree, including that every {@code cites} id names a knowledge document. */
    public Checklist load(Path file, Set<String> knownKnowledgeIds) {
        Checklist checklist = load(file);
        List<String> problems = validate(checklist, knownKnowledgeIds);
        if (!problems.isEmpty()) {
            throw new ChecklistException(problems);
        }
        return checklist;
    }

    /** The {@code cites} ids that name no knowledge document, one message each; empty when all resolve. */
    public List<String> validate(Checklist checklist, Set<String> knownKnowledgeIds) {
        List<String> problems = new ArrayList<>();
        String source = checklist.source();
        for (Checklist.Question q : checklist.questions()) {
            unknownCites(source, "question '" + q.id() + "'", q.cites(), knownKnowledgeIds, problems);
        }
        for (Checklist.Level l : checklist.levels()) {
            unknownCites(source, "level '" + l.id() + "'", l.cites(), knownKnowledgeIds, problems);
        }
        checklist.conditions().values().forEach(c ->
                unknownCites(source, "condition '" + c.id() + "'", c.cites(), knownKnowledgeIds, problems));
        checklist.flags().values().forEach(f ->
                unknownCites(source, "flag '" + f.id() + "'", f.cites(), knownKnowledgeIds, problems));
        return List.copyOf(problems);
    }

    /** Parses a tree from text; {@code source} names it in messages. */
    Checklist parse(String source, String content) {
        JsonNode root;
        try {
            root = yaml.readTree(content);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ChecklistException(source + ":" + line + ": invalid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ChecklistException(source + ": the file must be a YAML mapping with version, start, questions and levels");
        }
        Reader reader = new Reader(source);
        Checklist checklist = reader.read(root);
        reader.checkReferences(checklist);
        if (reader.problems.isEmpty()) {
            reader.checkGraph(checklist);
        }
        if (!reader.problems.isEmpty()) {
            throw new ChecklistException(reader.problems);
        }
        return checklist;
    }

    private static void unknownCites(String source, String where, List<String> cites, Set<String> known, List<String> problems) {
        for (String id : cites) {
            if (!known.contains(id)) {
                problems.add(source + ": " + where + " cites '" + id + "', which is not the id of a guidance or law file");
            }
        }
    }

    /** Builds the records while collecting problems, so one pass reports them all. */
    private static final class Reader {
        private final String source;
        private final List<String> problems = new ArrayList<>();

        Reader(String source) {
            this.source = source;
        }

        private void problem(String where, String message) {
            problems.add(source + ": " + (where.isEmpty() ? "" : where + ": ") + message);
        }

        Checklist read(JsonNode root) {
            unknownFields("", root, TOP_FIELDS);
            String version = scalar("", root, "version");
            String start = scalar("", root, "start");

            List<Checklist.Question> questions = new ArrayList<>();
            Set<String> questionIds = new HashSet<>();
            JsonNode questionNodes = root.get("questions");
            if (questionNodes == null || !questionNodes.isArray() || questionNodes.isEmpty()) {
                problem("", "'questions' must be a list with at least one question");
            } else {
                for (int i = 0; i < questionNodes.size(); i++) {
                    Checklist.Question question = question(i, questionNodes.get(i));
                    if (!question.id().isEmpty() && !questionIds.add(question.id())) {
                        problem("question '" + question.id() + "'", "duplicate question id");
                    }
                    questions.add(question);
                }
            }

            List<Checklist.Level> levels = new ArrayList<>();
            Set<String> levelIds = new HashSet<>();
            JsonNode levelNodes = root.get("levels");
            if (levelNodes == null || !levelNodes.isArray() || levelNodes.isEmpty()) {
                problem("", "'levels' must be a list with at least one level, from best to most restrictive");
            } else {
                for (int i = 0; i < levelNodes.size(); i++) {
                    JsonNode node = levelNodes.get(i);
                    String where = "levels[" + (i + 1) + "]";
                    if (!node.isObject()) {
                        problem(where, "must be a mapping with id, title, text and cites");
                        continue;
                    }
                    String id = id(where, node);
                    where = id.isEmpty() ? where : "level '" + id + "'";
                    unknownFields(where, node, LEVEL_FIELDS);
                    if (!id.isEmpty() && !levelIds.add(id)) {
                        problem(where, "duplicate level id");
                    }
                    levels.add(new Checklist.Level(id, text(where, node, "title"), text(where, node, "text"), list(where, node, "cites")));
                }
            }

            Map<String, Checklist.Condition> conditions = new LinkedHashMap<>();
            notes("conditions", root.get("conditions"), (id, text, cites) -> conditions.put(id, new Checklist.Condition(id, text, cites)));
            Map<String, Checklist.Flag> flags = new LinkedHashMap<>();
            notes("flags", root.get("flags"), (id, text, cites) -> flags.put(id, new Checklist.Flag(id, text, cites)));
            return new Checklist(version, start, questions, levels, conditions, flags, source);
        }

        private Checklist.Question question(int index, JsonNode node) {
            String where = "questions[" + (index + 1) + "]";
            if (!node.isObject()) {
                problem(where, "must be a mapping with id, text, help, cites and options");
                return new Checklist.Question("", new Checklist.Text("", ""), new Checklist.Text("", ""), List.of(), List.of());
            }
            String id = id(where, node);
            if (Checklist.END.equals(id)) {
                problem(where, "'" + Checklist.END + "' is reserved for completing the checklist; choose another question id");
            }
            where = id.isEmpty() ? where : "question '" + id + "'";
            unknownFields(where, node, QUESTION_FIELDS);
            Checklist.Text text = text(where, node, "text");
            Checklist.Text help = text(where, node, "help");
            List<String> cites = list(where, node, "cites");
            List<Checklist.Option> options = new ArrayList<>();
            Set<String> optionIds = new HashSet<>();
            JsonNode optionNodes = node.get("options");
            if (optionNodes == null || !optionNodes.isArray() || optionNodes.size() < 2) {
                problem(where, "'options' must be a list with at least two options");
            } else {
                for (int i = 0; i < optionNodes.size(); i++) {
                    JsonNode optionNode = optionNodes.get(i);
                    String optionWhere = where + ", options[" + (i + 1) + "]";
                    if (!optionNode.isObject()) {
                        problem(optionWhere, "must be a mapping with id, label and next");
                        continue;
                    }
                    String optionId = id(optionWhere, optionNode);
                    optionWhere = optionId.isEmpty() ? optionWhere : where + ", option '" + optionId + "'";
                    if (!optionId.isEmpty() && !optionIds.add(optionId)) {
                        problem(optionWhere, "duplicate option id within the question");
                    }
                    unknownFields(optionWhere, optionNode, OPTION_FIELDS);
                    String level = optionNode.hasNonNull("level") ? scalar(optionWhere, optionNode, "level") : null;
                    options.add(new Checklist.Option(optionId, text(optionWhere, optionNode, "label"), scalar(optionWhere, optionNode, "next"),
                            level, list(optionWhere, optionNode, "conditions"), list(optionWhere, optionNode, "flags")));
                }
            }
            return new Checklist.Question(id, text, help, cites, options);
        }

        private interface NoteFactory {
            void add(String id, Checklist.Text text, List<String> cites);
        }

        private void notes(String field, JsonNode node, NoteFactory factory) {
            if (node == null || node.isNull()) {
                return;
            }
            if (!node.isObject()) {
                problem("", "'" + field + "' must be a mapping from id to text and cites");
                return;
            }
            String kind = field.substring(0, field.length() - 1);
            node.fields().forEachRemaining(entry -> {
                String id = entry.getKey();
                String where = kind + " '" + id + "'";
                if (!ID.matcher(id).matches()) {
                    problem(where, "an id may use only lowercase letters, digits, '_' and '-'");
                }
                JsonNode value = entry.getValue();
                if (!value.isObject()) {
                    problem(where, "must be a mapping with text and cites");
                    return;
                }
                unknownFields(where, value, NOTE_FIELDS);
                factory.add(id, text(where, value, "text"), list(where, value, "cites"));
            });
        }

        /** Checks that every id an option, or start, refers to exists. */
        void checkReferences(Checklist checklist) {
            Set<String> questionIds = new HashSet<>();
            checklist.questions().forEach(q -> questionIds.add(q.id()));
            Set<String> levelIds = new HashSet<>();
            checklist.levels().forEach(l -> levelIds.add(l.id()));
            if (!checklist.start().isEmpty() && !questionIds.contains(checklist.start())) {
                problem("", "start '" + checklist.start() + "' is not a question id");
            }
            for (Checklist.Question q : checklist.questions()) {
                for (Checklist.Option o : q.options()) {
                    String where = "question '" + q.id() + "', option '" + o.id() + "'";
                    if (!o.next().isEmpty() && !Checklist.END.equals(o.next()) && !questionIds.contains(o.next())) {
                        problem(where, "next '" + o.next() + "' is not a question id or '" + Checklist.END + "'");
                    }
                    if (o.level() != null && !o.level().isEmpty() && !levelIds.contains(o.level())) {
                        problem(where, "level '" + o.level() + "' is not one of the levels " + ids(checklist.levels().stream().map(Checklist.Level::id).toList()));
                    }
                    o.conditions().stream().filter(c -> !checklist.conditions().containsKey(c))
                            .forEach(c -> problem(where, "condition '" + c + "' is not defined under 'conditions'"));
                    o.flags().stream().filter(f -> !checklist.flags().containsKey(f))
                            .forEach(f -> problem(where, "flag '" + f + "' is not defined under 'flags'"));
                }
            }
        }

        /** Checks that every question can be reached and no answer leads back to an earlier question. */
        void checkGraph(Checklist checklist) {
            Map<String, Checklist.Question> byId = new HashMap<>();
            checklist.questions().forEach(q -> byId.put(q.id(), q));
            Set<String> done = new HashSet<>();
            findCycles(byId, checklist.start(), new LinkedHashSet<>(), done);
            for (Checklist.Question q : checklist.questions()) {
                if (!done.contains(q.id())) {
                    problem("question '" + q.id() + "'", "cannot be reached from start '" + checklist.start() + "'");
                }
            }
        }

        private void findCycles(Map<String, Checklist.Question> byId, String id, LinkedHashSet<String> path, Set<String> done) {
            if (path.contains(id)) {
                List<String> loop = new ArrayList<>(path).subList(new ArrayList<>(path).indexOf(id), path.size());
                problem("question '" + id + "'", "the answers loop back to it: " + String.join(" → ", loop) + " → " + id);
                return;
            }
            if (!done.add(id)) {
                return;
            }
            path.add(id);
            for (Checklist.Option option : byId.get(id).options()) {
                if (!Checklist.END.equals(option.next())) {
                    findCycles(byId, option.next(), path, done);
                }
            }
            path.remove(id);
        }

        private String id(String where, JsonNode node) {
            String id = scalar(where, node, "id");
            if (!id.isEmpty() && !ID.matcher(id).matches()) {
                problem(where, "id '" + id + "' may use only lowercase letters, digits, '_' and '-'");
            }
            return id;
        }

        private String scalar(String where, JsonNode node, String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull() || (value.isValueNode() && value.asText().isBlank())) {
                problem(where, "missing '" + field + "'");
                return "";
            }
            if (value.isBoolean()) {
                problem(where, "'" + field + "' reads as true/false; put the value in quotes");
                return "";
            }
            if (!value.isValueNode()) {
                problem(where, "'" + field + "' must be a single value");
                return "";
            }
            return value.asText().strip();
        }

        private Checklist.Text text(String where, JsonNode node, String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isObject()) {
                problem(where, "missing '" + field + "' with en and nl");
                return new Checklist.Text("", "");
            }
            value.fieldNames().forEachRemaining(language -> {
                if (!LANGUAGES.contains(language)) {
                    problem(where, "'" + field + "' has unknown language '" + language + "'; use en and nl");
                }
            });
            return new Checklist.Text(language(where, value, field, "en"), language(where, value, field, "nl"));
        }

        private String language(String where, JsonNode text, String field, String code) {
            JsonNode value = text.get(code);
            if (value == null || !value.isValueNode() || value.isNull() || value.asText().isBlank()) {
                problem(where, "missing '" + field + "." + code + "'");
                return "";
            }
            // YAML reads an unquoted Yes, No, On or Off as true or false; the researcher would see "false".
            if (value.isBoolean()) {
                problem(where, "'" + field + "." + code + "' reads as true/false; put the text in quotes, like \"No\"");
                return "";
            }
            return value.asText().strip();
        }

        /** A list of ids; a single id without brackets is accepted too. */
        private List<String> list(String where, JsonNode node, String field) {
            JsonNode value = node.get(field);
            List<String> values = new ArrayList<>();
            if (value == null || value.isNull()) {
                return values;
            }
            if (value.isValueNode()) {
                values.add(value.asText().strip());
            } else if (value.isArray()) {
                for (JsonNode item : value) {
                    if (!item.isValueNode() || item.isBoolean() || item.asText().isBlank()) {
                        problem(where, "'" + field + "' must list ids, like [dsm-art-3, aw-art-15n]");
                    } else if (values.contains(item.asText().strip())) {
                        problem(where, "'" + field + "' lists '" + item.asText().strip() + "' twice");
                    } else {
                        values.add(item.asText().strip());
                    }
                }
            } else {
                problem(where, "'" + field + "' must list ids, like [dsm-art-3, aw-art-15n]");
            }
            return values;
        }

        private void unknownFields(String where, JsonNode node, Set<String> allowed) {
            node.fieldNames().forEachRemaining(name -> {
                if (!allowed.contains(name)) {
                    problem(where, "unknown field '" + name + "'; expected " + ids(allowed.stream().sorted().toList()));
                }
            });
        }

        private static String ids(List<String> ids) {
            return String.join(", ", ids);
        }
    }
}
