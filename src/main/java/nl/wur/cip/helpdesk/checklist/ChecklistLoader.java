package nl.wur.cip.helpdesk.checklist;

import com.fasterxml.jackson.databind.JsonNode;
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
import nl.wur.cip.helpdesk.knowledge.Bilingual;
import nl.wur.cip.helpdesk.knowledge.KnowledgeFormatException;
import nl.wur.cip.helpdesk.knowledge.KnowledgeYaml;
import nl.wur.cip.helpdesk.knowledge.LoadProblem;

/**
 * Reads {@code knowledge/checklist/checklist.yml} and checks it completely: a broken tree would
 * strand researchers half-way, so every problem is reported, each with the file's path, and
 * nothing loads until the office has fixed them all.
 */
public final class ChecklistLoader {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Set<String> TOP_FIELDS =
            Set.of("version", "start", "tracks", "questions", "levels", "conditions", "flags");
    private static final Set<String> QUESTION_FIELDS = Set.of("id", "text", "help", "cites", "options");
    private static final Set<String> OPTION_FIELDS =
            Set.of("id", "label", "next", "level", "track", "conditions", "flags");
    private static final Set<String> LEVEL_FIELDS = Set.of("id", "title", "text", "cites");
    private static final Set<String> NOTE_FIELDS = Set.of("text", "cites");
    private static final Set<String> CONDITION_FIELDS = Set.of("text", "cites", "tracks");
    private static final Set<String> LANGUAGES = Set.of("en", "nl");

    private final KnowledgeYaml yaml = new KnowledgeYaml();

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
        checklist.conditions().values().forEach(c -> {
            if (c.dependsOnTrack()) {
                c.tracks()
                        .forEach((track, wording) -> unknownCites(
                                source,
                                "condition '" + c.id() + "', track '" + track + "'",
                                wording.cites(),
                                knownKnowledgeIds,
                                problems));
            } else {
                unknownCites(source, "condition '" + c.id() + "'", c.cites(), knownKnowledgeIds, problems);
            }
        });
        checklist
                .flags()
                .values()
                .forEach(f -> unknownCites(source, "flag '" + f.id() + "'", f.cites(), knownKnowledgeIds, problems));
        return List.copyOf(problems);
    }

    /** Parses a tree from text; {@code source} names it in messages. */
    Checklist parse(String source, String content) {
        KnowledgeYaml.Located located;
        try {
            located = yaml.readLocated(source, content, 1);
        } catch (KnowledgeFormatException e) {
            throw ChecklistException.at(List.of(e.problem()));
        }
        JsonNode root = located.root();
        if (!root.isObject()) {
            throw ChecklistException.at(List.of(new LoadProblem(
                    source, 1, "the file must be a YAML mapping with version, start, questions and levels")));
        }
        Reader reader = new Reader(source, located);
        Checklist checklist = reader.read(root);
        reader.checkReferences(checklist);
        if (reader.problems.isEmpty()) {
            reader.checkGraph(checklist);
        }
        if (reader.problems.isEmpty()) {
            reader.checkTracks(checklist);
        }
        if (!reader.problems.isEmpty()) {
            throw ChecklistException.at(reader.problems);
        }
        return checklist;
    }

    private static void unknownCites(
            String source, String where, List<String> cites, Set<String> known, List<String> problems) {
        for (String id : cites) {
            if (!known.contains(id)) {
                problems.add(
                        source + ": " + where + " cites '" + id + "', which is not the id of a guidance or law file");
            }
        }
    }

    /**
     * Builds the records while collecting problems, so one pass reports them all, each on its line: where a field is
     * at fault, the field's line; otherwise the line of the question, option, level or note it belongs to.
     */
    private static final class Reader {
        private final String source;
        private final KnowledgeYaml.Located located;
        private final List<LoadProblem> problems = new ArrayList<>();
        /** The line of each part ("question 'who', option 'yes'"), for problems found after reading. */
        private final Map<String, Integer> lines = new HashMap<>();

        private JsonNode root;

        Reader(String source, KnowledgeYaml.Located located) {
            this.source = source;
            this.located = located;
        }

        private void problem(String where, String message) {
            problem(lines.getOrDefault(where, 1), where, message);
        }

        private void problem(JsonNode node, String field, String where, String message) {
            problem(located.line(node, field), where, message);
        }

        private void problem(int line, String where, String message) {
            problems.add(new LoadProblem(source, line, (where.isEmpty() ? "" : where + ": ") + message));
        }

        /** Remembers where a part starts, under the name its problems use. */
        private String at(String where, JsonNode node) {
            lines.put(where, located.line(node));
            return where;
        }

        Checklist read(JsonNode root) {
            this.root = root;
            unknownFields("", root, TOP_FIELDS);
            String version = scalar("", root, "version");
            String start = scalar("", root, "start");
            List<String> tracks = list("", root, "tracks");
            tracks.stream()
                    .filter(t -> !ID.matcher(t).matches())
                    .forEach(t -> problem(
                            root,
                            "tracks",
                            "",
                            "track '" + t + "': an id may use only lowercase letters, digits, '_' and '-'"));

            List<Checklist.Question> questions = new ArrayList<>();
            Set<String> questionIds = new HashSet<>();
            JsonNode questionNodes = root.get("questions");
            if (questionNodes == null || !questionNodes.isArray() || questionNodes.isEmpty()) {
                problem(root, "questions", "", "'questions' must be a list with at least one question");
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
                problem(
                        root,
                        "levels",
                        "",
                        "'levels' must be a list with at least one level, from best to most restrictive");
            } else {
                for (int i = 0; i < levelNodes.size(); i++) {
                    JsonNode node = levelNodes.get(i);
                    String where = at("levels[" + (i + 1) + "]", node);
                    if (!node.isObject()) {
                        problem(where, "must be a mapping with id, title, text and cites");
                        continue;
                    }
                    String id = id(where, node);
                    where = id.isEmpty() ? where : at("level '" + id + "'", node);
                    unknownFields(where, node, LEVEL_FIELDS);
                    if (!id.isEmpty() && !levelIds.add(id)) {
                        problem(where, "duplicate level id");
                    }
                    levels.add(new Checklist.Level(
                            id, text(where, node, "title"), text(where, node, "text"), list(where, node, "cites")));
                }
            }

            Map<String, Checklist.Condition> conditions = new LinkedHashMap<>();
            notes(
                    "conditions",
                    root.get("conditions"),
                    CONDITION_FIELDS,
                    (id, where, value) -> conditions.put(id, condition(id, where, value)));
            Map<String, Checklist.Flag> flags = new LinkedHashMap<>();
            notes(
                    "flags",
                    root.get("flags"),
                    NOTE_FIELDS,
                    (id, where, value) -> flags.put(
                            id, new Checklist.Flag(id, text(where, value, "text"), list(where, value, "cites"))));
            return new Checklist(version, start, questions, levels, conditions, flags, tracks, source);
        }

        private Checklist.Question question(int index, JsonNode node) {
            String where = at("questions[" + (index + 1) + "]", node);
            if (!node.isObject()) {
                problem(where, "must be a mapping with id, text, help, cites and options");
                return new Checklist.Question("", new Bilingual("", ""), new Bilingual("", ""), List.of(), List.of());
            }
            String id = id(where, node);
            if (Checklist.END.equals(id)) {
                problem(
                        where,
                        "'" + Checklist.END + "' is reserved for completing the checklist; choose another question id");
            }
            where = id.isEmpty() ? where : at("question '" + id + "'", node);
            unknownFields(where, node, QUESTION_FIELDS);
            Bilingual text = text(where, node, "text");
            Bilingual help = text(where, node, "help");
            List<String> cites = list(where, node, "cites");
            List<Checklist.Option> options = new ArrayList<>();
            Set<String> optionIds = new HashSet<>();
            JsonNode optionNodes = node.get("options");
            if (optionNodes == null || !optionNodes.isArray() || optionNodes.size() < 2) {
                problem(node, "options", where, "'options' must be a list with at least two options");
            } else {
                for (int i = 0; i < optionNodes.size(); i++) {
                    JsonNode optionNode = optionNodes.get(i);
                    String optionWhere = at(where + ", options[" + (i + 1) + "]", optionNode);
                    if (!optionNode.isObject()) {
                        problem(optionWhere, "must be a mapping with id, label and next");
                        continue;
                    }
                    String optionId = id(optionWhere, optionNode);
                    optionWhere =
                            optionId.isEmpty() ? optionWhere : at(where + ", option '" + optionId + "'", optionNode);
                    if (!optionId.isEmpty() && !optionIds.add(optionId)) {
                        problem(optionWhere, "duplicate option id within the question");
                    }
                    unknownFields(optionWhere, optionNode, OPTION_FIELDS);
                    String level = null;
                    Map<String, String> trackLevels = new LinkedHashMap<>();
                    JsonNode levelNode = optionNode.get("level");
                    if (levelNode != null && levelNode.isObject()) {
                        // A level per track: {research: unclear}; a track left out gets no level.
                        String levelWhere = optionWhere;
                        levelNode.fields().forEachRemaining(e -> {
                            String value = e.getValue().isValueNode()
                                            && !e.getValue().isBoolean()
                                            && !e.getValue().isNull()
                                    ? e.getValue().asText().strip()
                                    : "";
                            if (value.isEmpty()) {
                                problem(
                                        levelNode,
                                        e.getKey(),
                                        levelWhere,
                                        "'level." + e.getKey() + "' must be a level id");
                            } else {
                                trackLevels.put(e.getKey(), value);
                            }
                        });
                        if (trackLevels.isEmpty() && levelNode.isEmpty()) {
                            problem(
                                    optionNode,
                                    "level",
                                    optionWhere,
                                    "'level' per track must name at least one track, like {research: unclear}");
                        }
                    } else if (optionNode.hasNonNull("level")) {
                        level = scalar(optionWhere, optionNode, "level");
                    }
                    String track = optionNode.hasNonNull("track") ? scalar(optionWhere, optionNode, "track") : null;
                    options.add(new Checklist.Option(
                            optionId,
                            text(optionWhere, optionNode, "label"),
                            scalar(optionWhere, optionNode, "next"),
                            level,
                            trackLevels,
                            track,
                            list(optionWhere, optionNode, "conditions"),
                            list(optionWhere, optionNode, "flags")));
                }
            }
            return new Checklist.Question(id, text, help, cites, options);
        }

        private interface NoteFactory {
            void add(String id, String where, JsonNode value);
        }

        /** A condition: one text and cites for every track, or {@code tracks} with a text and cites per track. */
        private Checklist.Condition condition(String id, String where, JsonNode value) {
            JsonNode tracks = value.get("tracks");
            if (tracks == null || tracks.isNull()) {
                return new Checklist.Condition(id, text(where, value, "text"), list(where, value, "cites"));
            }
            if (value.has("text") || value.has("cites")) {
                problem(
                        value,
                        "tracks",
                        where,
                        "give either 'text' and 'cites', or 'tracks' with a text and cites per track, not both");
            }
            Map<String, Checklist.Wording> wordings = new LinkedHashMap<>();
            if (!tracks.isObject() || tracks.isEmpty()) {
                problem(value, "tracks", where, "'tracks' must map each track id to a text and cites");
            } else {
                tracks.fields().forEachRemaining(e -> {
                    String trackWhere = where + ", track '" + e.getKey() + "'";
                    lines.put(trackWhere, located.line(tracks, e.getKey()));
                    if (!e.getValue().isObject()) {
                        problem(trackWhere, "must be a mapping with text and cites");
                        return;
                    }
                    unknownFields(trackWhere, e.getValue(), NOTE_FIELDS);
                    wordings.put(
                            e.getKey(),
                            new Checklist.Wording(
                                    text(trackWhere, e.getValue(), "text"), list(trackWhere, e.getValue(), "cites")));
                });
            }
            return new Checklist.Condition(id, null, List.of(), wordings);
        }

        private void notes(String field, JsonNode node, Set<String> fields, NoteFactory factory) {
            if (node == null || node.isNull()) {
                return;
            }
            if (!node.isObject()) {
                problem(root, field, "", "'" + field + "' must be a mapping from id to text and cites");
                return;
            }
            String kind = field.substring(0, field.length() - 1);
            node.fields().forEachRemaining(entry -> {
                String id = entry.getKey();
                String where = kind + " '" + id + "'";
                lines.put(where, located.line(node, id));
                if (!ID.matcher(id).matches()) {
                    problem(where, "an id may use only lowercase letters, digits, '_' and '-'");
                }
                JsonNode value = entry.getValue();
                if (!value.isObject()) {
                    problem(where, "must be a mapping with text and cites");
                    return;
                }
                unknownFields(where, value, fields);
                factory.add(id, where, value);
            });
        }

        /** Checks that every id an option, or start, refers to exists. */
        void checkReferences(Checklist checklist) {
            Set<String> questionIds = new HashSet<>();
            checklist.questions().forEach(q -> questionIds.add(q.id()));
            Set<String> levelIds = new HashSet<>();
            checklist.levels().forEach(l -> levelIds.add(l.id()));
            checkConditionTracks(checklist);
            if (!checklist.start().isEmpty() && !questionIds.contains(checklist.start())) {
                problem(root, "start", "", "start '" + checklist.start() + "' is not a question id");
            }
            for (Checklist.Question q : checklist.questions()) {
                for (Checklist.Option o : q.options()) {
                    String where = "question '" + q.id() + "', option '" + o.id() + "'";
                    if (!o.next().isEmpty() && !Checklist.END.equals(o.next()) && !questionIds.contains(o.next())) {
                        problem(where, "next '" + o.next() + "' is not a question id or '" + Checklist.END + "'");
                    }
                    if (o.level() != null && !o.level().isEmpty() && !levelIds.contains(o.level())) {
                        problem(
                                where,
                                "level '" + o.level() + "' is not one of the levels "
                                        + ids(checklist.levels().stream()
                                                .map(Checklist.Level::id)
                                                .toList()));
                    }
                    o.trackLevels().forEach((track, level) -> {
                        if (!checklist.tracks().contains(track)) {
                            problem(where, "level for track '" + track + "': " + notATrack(checklist));
                        }
                        if (!levelIds.contains(level)) {
                            problem(
                                    where,
                                    "level '" + level + "' for track '" + track + "' is not one of the levels "
                                            + ids(checklist.levels().stream()
                                                    .map(Checklist.Level::id)
                                                    .toList()));
                        }
                    });
                    if (o.track() != null
                            && !o.track().isEmpty()
                            && !checklist.tracks().contains(o.track())) {
                        problem(where, "track '" + o.track() + "': " + notATrack(checklist));
                    }
                    o.conditions().stream()
                            .filter(c -> !checklist.conditions().containsKey(c))
                            .forEach(c -> problem(where, "condition '" + c + "' is not defined under 'conditions'"));
                    o.flags().stream()
                            .filter(f -> !checklist.flags().containsKey(f))
                            .forEach(f -> problem(where, "flag '" + f + "' is not defined under 'flags'"));
                }
            }
        }

        /** Checks that each condition worded per track has a wording for every track and for no other. */
        private void checkConditionTracks(Checklist checklist) {
            for (Checklist.Condition c : checklist.conditions().values()) {
                if (!c.dependsOnTrack()) {
                    continue;
                }
                String where = "condition '" + c.id() + "'";
                c.tracks().keySet().stream()
                        .filter(t -> !checklist.tracks().contains(t))
                        .forEach(t -> problem(where, "track '" + t + "': " + notATrack(checklist)));
                checklist.tracks().stream()
                        .filter(t -> !c.tracks().containsKey(t))
                        .forEach(t -> problem(where, "has no text for track '" + t + "'"));
            }
        }

        private static String notATrack(Checklist checklist) {
            return checklist.tracks().isEmpty()
                    ? "the file declares no 'tracks'"
                    : "not one of the tracks " + ids(checklist.tracks());
        }

        /**
         * Follows every path with the track it is on: an answer whose level or conditions depend on the track must
         * come after an answer that set the track, and no path may be put on a second, different track.
         */
        void checkTracks(Checklist checklist) {
            Map<String, Checklist.Question> byId = new HashMap<>();
            checklist.questions().forEach(q -> byId.put(q.id(), q));
            Map<String, String> found = new LinkedHashMap<>();
            followTracks(checklist, byId, checklist.start(), null, new HashSet<>(), found);
            found.forEach((message, where) -> problem(where, message.substring(where.length() + 2)));
        }

        private void followTracks(
                Checklist checklist,
                Map<String, Checklist.Question> byId,
                String id,
                String track,
                Set<String> seen,
                Map<String, String> found) {
            if (!seen.add(id + " on " + track)) {
                return;
            }
            Checklist.Question question = byId.get(id);
            for (Checklist.Option o : question.options()) {
                String part = "question '" + id + "', option '" + o.id() + "'";
                String where = part + ": ";
                if (o.track() != null && track != null && !o.track().equals(track)) {
                    found.put(
                            where + "puts the path on track '" + o.track()
                                    + "', but a path reaches it already on track '" + track + "'",
                            part);
                }
                String after = o.track() != null ? o.track() : track;
                if (after == null) {
                    if (o.levelDependsOnTrack()) {
                        found.put(
                                where
                                        + "its level depends on the track, but a path reaches it before any answer sets the track",
                                part);
                    }
                    o.conditions().stream()
                            .filter(c -> checklist.conditions().get(c).dependsOnTrack())
                            .forEach(c -> found.put(
                                    where + "condition '" + c + "' is worded per track, but a path reaches it"
                                            + " before any answer sets the track",
                                    part));
                }
                if (!Checklist.END.equals(o.next())) {
                    followTracks(checklist, byId, o.next(), after, seen, found);
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

        private void findCycles(
                Map<String, Checklist.Question> byId, String id, LinkedHashSet<String> path, Set<String> done) {
            if (path.contains(id)) {
                List<String> loop = new ArrayList<>(path).subList(new ArrayList<>(path).indexOf(id), path.size());
                problem(
                        "question '" + id + "'",
                        "the answers loop back to it: " + String.join(" → ", loop) + " → " + id);
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
                problem(node, "id", where, "id '" + id + "' may use only lowercase letters, digits, '_' and '-'");
            }
            return id;
        }

        private String scalar(String where, JsonNode node, String field) {
            JsonNode value = node.get(field);
            if (value == null
                    || value.isNull()
                    || (value.isValueNode() && value.asText().isBlank())) {
                problem(node, field, where, "missing '" + field + "'");
                return "";
            }
            if (value.isBoolean()) {
                problem(node, field, where, "'" + field + "' reads as true/false; put the value in quotes");
                return "";
            }
            if (!value.isValueNode()) {
                problem(node, field, where, "'" + field + "' must be a single value");
                return "";
            }
            return value.asText().strip();
        }

        private Bilingual text(String where, JsonNode node, String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isObject()) {
                problem(node, field, where, "missing '" + field + "' with en and nl");
                return new Bilingual("", "");
            }
            value.fieldNames().forEachRemaining(language -> {
                if (!LANGUAGES.contains(language)) {
                    problem(
                            node,
                            field,
                            where,
                            "'" + field + "' has unknown language '" + language + "'; use en and nl");
                }
            });
            return new Bilingual(language(where, value, field, "en"), language(where, value, field, "nl"));
        }

        private String language(String where, JsonNode text, String field, String code) {
            JsonNode value = text.get(code);
            if (value == null
                    || !value.isValueNode()
                    || value.isNull()
                    || value.asText().isBlank()) {
                problem(text, code, where, "missing '" + field + "." + code + "'");
                return "";
            }
            // YAML reads an unquoted Yes, No, On or Off as true or false; the researcher would see "false".
            if (value.isBoolean()) {
                problem(
                        text,
                        code,
                        where,
                        "'" + field + "." + code + "' reads as true/false; put the text in quotes, like \"No\"");
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
                        problem(node, field, where, "'" + field + "' must list ids, like [dsm-art-3, aw-art-15n]");
                    } else if (values.contains(item.asText().strip())) {
                        problem(
                                node,
                                field,
                                where,
                                "'" + field + "' lists '" + item.asText().strip() + "' twice");
                    } else {
                        values.add(item.asText().strip());
                    }
                }
            } else {
                problem(node, field, where, "'" + field + "' must list ids, like [dsm-art-3, aw-art-15n]");
            }
            return values;
        }

        private void unknownFields(String where, JsonNode node, Set<String> allowed) {
            node.fieldNames().forEachRemaining(name -> {
                if (!allowed.contains(name)) {
                    problem(
                            node,
                            name,
                            where,
                            "unknown field '" + name + "'; expected "
                                    + ids(allowed.stream().sorted().toList()));
                }
            });
        }

        private static String ids(List<String> ids) {
            return String.join(", ", ids);
        }
    }
}
