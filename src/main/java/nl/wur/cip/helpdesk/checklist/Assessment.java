package nl.wur.cip.helpdesk.checklist;

import java.util.List;

/**
 * Where a researcher stands in the checklist, in one language: the next question, or the verdict
 * once the path is complete, with what the answers so far require.
 *
 * @param complete   true when the answers reach the end of a path
 * @param next       the question to answer next, or null when complete
 * @param verdict    the verdict, or null while incomplete: the most restrictive of {@code levels}
 * @param levels     every level the answers reached, from best to most restrictive (the last is the verdict), so a
 *                   definite "permission needed" is not hidden behind "unclear"; only the first level of the
 *                   checklist when no answer capped the verdict; empty while incomplete
 * @param conditions what the researcher must do, de-duplicated, in the order the answers raised them
 * @param flags      side issues to take elsewhere, de-duplicated, in order
 * @param cites      ids of the knowledge documents behind all of the above, de-duplicated
 * @param steps      the questions answered so far with the chosen answers, for a report
 */
public record Assessment(
        boolean complete,
        NextQuestion next,
        Verdict verdict,
        List<Verdict> levels,
        List<Note> conditions,
        List<Note> flags,
        List<String> cites,
        List<Step> steps) {
    public Assessment {
        levels = List.copyOf(levels);
        conditions = List.copyOf(conditions);
        flags = List.copyOf(flags);
        cites = List.copyOf(cites);
        steps = List.copyOf(steps);
    }

    /** The question to ask next. */
    public record NextQuestion(String id, String text, String help, List<Choice> options, List<String> cites) {
        public NextQuestion {
            options = List.copyOf(options);
            cites = List.copyOf(cites);
        }
    }

    /** One answer the researcher can pick. */
    public record Choice(String id, String label) {}

    /** The outcome of a completed path. */
    public record Verdict(String level, String title, String text) {}

    /** A condition or flag: its id and its text. */
    public record Note(String id, String text) {}

    /** One answered question. */
    public record Step(String questionId, String question, String optionId, String answer) {}
}
