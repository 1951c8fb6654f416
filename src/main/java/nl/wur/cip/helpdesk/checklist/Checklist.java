package nl.wur.cip.helpdesk.checklist;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.wur.cip.helpdesk.knowledge.Language;

/**
 * The self-assessment decision tree as the copyright office wrote it in {@code knowledge/checklist/checklist.yml}.
 *
 * @param version    the office's version label, shown in a report so an old report can be traced to its tree
 * @param start      the id of the first question
 * @param questions  the questions, in the order of the file
 * @param levels     the verdict levels, from best to most restrictive
 * @param conditions what the researcher must do, by id, in the order of the file
 * @param flags      side issues to raise with someone else, by id, in the order of the file
 * @param source     the file the tree was read from, for messages
 */
public record Checklist(String version, String start, List<Question> questions, List<Level> levels,
                        Map<String, Condition> conditions, Map<String, Flag> flags, String source) {
    /** The {@code next} value that completes the checklist. */
    public static final String END = "end";

    public Checklist {
        questions = List.copyOf(questions);
        levels = List.copyOf(levels);
        // Copied into LinkedHashMaps rather than Map.copyOf so the file's order survives into reports.
        conditions = Collections.unmodifiableMap(new LinkedHashMap<>(conditions));
        flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
    }

    public Optional<Question> question(String id) {
        return questions.stream().filter(q -> q.id().equals(id)).findFirst();
    }

    public Optional<Level> level(String id) {
        return levels.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /** A text in both languages. */
    public record Text(String en, String nl) {
        public String in(Language language) {
            return language == Language.NL ? nl : en;
        }
    }

    /** One question and its answer options. */
    public record Question(String id, Text text, Text help, List<String> cites, List<Option> options) {
        public Question {
            cites = List.copyOf(cites);
            options = List.copyOf(options);
        }

        public Optional<Option> option(String id) {
            return options.stream().filter(o -> o.id().equals(id)).findFirst();
        }
    }

    /**
     * One answer to a question.
     *
     * @param next       the next question's id, or {@link Checklist#END}
     * @param level      the verdict level this answer caps at, or null when it does not cap
     * @param conditions ids of conditions this answer adds
     * @param flags      ids of flags this answer raises
     */
    public record Option(String id, Text label, String next, String level, List<String> conditions, List<String> flags) {
        public Option {
            conditions = List.copyOf(conditions);
            flags = List.copyOf(flags);
        }

        public Optional<String> levelCap() {
            return Optional.ofNullable(level);
        }
    }

    /** A verdict: how far the exceptions cover the plan. */
    public record Level(String id, Text title, Text text, List<String> cites) {
        public Level {
            cites = List.copyOf(cites);
        }
    }

    /** Something the researcher must do for the verdict to hold. */
    public record Condition(String id, Text text, List<String> cites) {
        public Condition {
            cites = List.copyOf(cites);
        }
    }

    /** A side issue outside copyright, or one the checklist cannot settle, with whom to ask. */
    public record Flag(String id, Text text, List<String> cites) {
        public Flag {
            cites = List.copyOf(cites);
        }
    }
}
