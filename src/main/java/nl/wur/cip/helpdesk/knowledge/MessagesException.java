package nl.wur.cip.helpdesk.knowledge;

import java.util.List;

/** A messages file the helpdesk cannot speak from: every problem at once, each with the file's path and line. */
public class MessagesException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<LoadProblem> problems;

    public MessagesException(List<LoadProblem> problems) {
        super(String.join("\n", problems.stream().map(LoadProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<LoadProblem> problems() {
        return problems;
    }
}
