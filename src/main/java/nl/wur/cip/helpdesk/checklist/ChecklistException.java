package nl.wur.cip.helpdesk.checklist;

import java.util.List;

/**
 * A checklist file that breaks the format, or answers that do not fit the checklist. The message
 * says what is wrong in words the office or the researcher can act on.
 */
public class ChecklistException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ChecklistException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    /** Every problem found at once, so the office can fix the file in one go rather than one error per restart. */
    public ChecklistException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
