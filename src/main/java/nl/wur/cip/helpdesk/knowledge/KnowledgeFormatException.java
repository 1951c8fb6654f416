package nl.wur.cip.helpdesk.knowledge;

/** A knowledge file (Markdown, YAML) that breaks the format, with the line where it does. */
public class KnowledgeFormatException extends Exception {
    private final transient LoadProblem problem;

    public KnowledgeFormatException(String path, int line, String message) {
        super(path + ":" + line + ": " + message);
        this.problem = new LoadProblem(path, line, message);
    }

    public LoadProblem problem() {
        return problem;
    }
}
