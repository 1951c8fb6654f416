package nl.wur.cip.helpdesk.checklist;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.wur.cip.helpdesk.knowledge.Bilingual;

/**
 * The self-assessment decision tree as the copyright office wrote it in {@code knowledge/checklist/checklist.yml}.
 *
 * @param version    the office's version label, shown in a report so an old report can be traced to its tree
 * @param start      the id of the first question
 * @param questions  the questions, in the order of the file
 * @param levels     the verdict levels, from best to most restrictive
 * @param conditions what the researcher must do, by id, in the order of the file
 * @param flags      side issues to raise with someone else, by id, in the order of the file
 * @param tracks     the ids of the tracks an answer can put a path on (e.g. research, general), in the
 *                   order of the file; empty when the tree has no tracks
 * @param source     the file the tree was read from, for messages
 */
public record Checklist(
        String version,
        String start,
        List<Question> questions,
        List<Level> levels,
        Map<String, Condition> conditions,
        Map<String, Flag> flags,
        List<String> tracks,
        String source) {
    /** The {@code next} value that completes the checklist. */
    public static final String END = "end";

    public Checklist {
        questions = List.copyOf(questions);
        levels = List.copyOf(levels);
        // Copied into LinkedHashMaps rather than Map.copyOf so the file's order survives into reports.
        conditions = Collections.unmodifiableMap(new LinkedHashMap<>(conditions));
        flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
        tracks = List.copyOf(tracks);
    }

    /** A tree without tracks. */
    public Checklist(
            String version,
            String start,
            List<Question> questions,
            List<Level> levels,
            Map<String, Condition> conditions,
            Map<String, Flag> flags,
            String source) {
        this(version, start, questions, levels, conditions, flags, List.of(), source);
    }

    public Optional<Question> question(String id) {
        return questions.stream().filter(q -> q.id().equals(id)).findFirst();
    }

    public Optional<Level> level(String id) {
        return levels.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /** One question and its answer options. */
    public record Question(String id, Bilingual text, Bilingual help, List<String> cites, List<Option> options) {
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
     * @param next        the next question's id, or {@link Checklist#END}
     * @param level       the verdict level this answer caps at on every track, or null
     * @param trackLevels the level this answer caps at per track (track id to level id), for an answer whose
     *                    weight depends on the track; empty when {@code level} applies everywhere. A track
     *                    missing from the map means no cap on that track.
     * @param track       the track this answer puts the path on, or null
     * @param conditions  ids of conditions this answer adds
     * @param flags       ids of flags this answer raises
     */
    public record Option(
            String id,
            Bilingual label,
            String next,
            String level,
            Map<String, String> trackLevels,
            String track,
            List<String> conditions,
            List<String> flags) {
        public Option {
            trackLevels = Collections.unmodifiableMap(new LinkedHashMap<>(trackLevels));
            conditions = List.copyOf(conditions);
            flags = List.copyOf(flags);
        }

        /** An answer whose level, if any, holds on every track and which sets no track. */
        public Option(
                String id, Bilingual label, String next, String level, List<String> conditions, List<String> flags) {
            this(id, label, next, level, Map.of(), null, conditions, flags);
        }

        /** The level this answer caps at on the given track (null: no track yet), or null when it does not cap. */
        public String levelOn(String track) {
            if (level != null) {
                return level;
            }
            return track == null ? null : trackLevels.get(track);
        }

        /** True when the level depends on the track, so a path must be on a track before it reaches this answer. */
        public boolean levelDependsOnTrack() {
            return level == null && !trackLevels.isEmpty();
        }
    }

    /** A verdict: how far the exceptions cover the plan. */
    public record Level(String id, Bilingual title, Bilingual text, List<String> cites) {
        public Level {
            cites = List.copyOf(cites);
        }
    }

    /**
     * Something the researcher must do for the verdict to hold.
     *
     * @param text   the text on every track, or null when the text depends on the track
     * @param cites  its sources, empty when the text depends on the track
     * @param tracks the text and sources per track id, in the order of the file; empty when {@code text} holds on
     *               every track
     */
    public record Condition(String id, Bilingual text, List<String> cites, Map<String, Wording> tracks) {
        public Condition {
            cites = List.copyOf(cites);
            tracks = Collections.unmodifiableMap(new LinkedHashMap<>(tracks));
        }

        /** A condition with one text for every track. */
        public Condition(String id, Bilingual text, List<String> cites) {
            this(id, text, cites, Map.of());
        }

        public boolean dependsOnTrack() {
            return !tracks.isEmpty();
        }

        /** The wording on the given track; empty when the text depends on the track and the track has none. */
        public Optional<Wording> on(String track) {
            if (!dependsOnTrack()) {
                return Optional.of(new Wording(text, cites));
            }
            return Optional.ofNullable(track == null ? null : tracks.get(track));
        }

        /** Every wording of the condition: the one text, or each track's. */
        public List<Wording> wordings() {
            return dependsOnTrack() ? List.copyOf(tracks.values()) : List.of(new Wording(text, cites));
        }
    }

    /** A condition's text and sources on one track. */
    public record Wording(Bilingual text, List<String> cites) {
        public Wording {
            cites = List.copyOf(cites);
        }
    }

    /** A side issue outside copyright, or one the checklist cannot settle, with whom to ask. */
    public record Flag(String id, Bilingual text, List<String> cites) {
        public Flag {
            cites = List.copyOf(cites);
        }
    }
}
