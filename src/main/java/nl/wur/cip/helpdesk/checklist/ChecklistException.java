package nl.wur.cip.helpdesk.checklist;

import java.util.List;
import nl.wur.cip.helpdesk.knowledge.Bilingual;
import nl.wur.cip.helpdesk.knowledge.LoadProblem;

/**
 * A checklist file that breaks the format, or answers that do not fit the checklist. The message
 * says what is wrong in words the office or the researcher can act on.
 */
public class ChecklistException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;
    private final transient List<LoadProblem> located;
    private final transient Bilingual message;

    public ChecklistException(String message) {
        this(message, message);
    }

    /** Answers that do not fit, told to the researcher in the language of the page. */
    public ChecklistException(String english, String dutch) {
        super(english);
        this.problems = List.of(english);
        this.located = List.of();
        this.message = new Bilingual(english, dutch);
    }

    /** Every problem found at once, so the office can fix the file in one go rather than one error per restart. */
    public ChecklistException(List<String> problems) {
        this(problems, List.of());
    }

    private ChecklistException(List<String> problems, List<LoadProblem> located) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
        this.located = List.copyOf(located);
        this.message = new Bilingual(getMessage(), getMessage());
    }

    /** A broken file's problems, each with the file's path and line ("checklist.yml:12: question 'who': ..."). */
    public static ChecklistException at(List<LoadProblem> problems) {
        return new ChecklistException(
                problems.stream().map(LoadProblem::toString).toList(), problems);
    }

    /** The problems with their lines, when the file's structure is at fault; empty otherwise. */
    public List<LoadProblem> loadProblems() {
        return located;
    }

    /** The message in both languages; a broken file's problems are for the office and are in English only. */
    public Bilingual message() {
        return message;
    }

    public List<String> problems() {
        return problems;
    }
}
