package nl.wur.cip.helpdesk.knowledge;

/** A knowledge file that breaks the format, with the line where it does. */
class KnowledgeFormatException extends Exception {
    private final transient LoadProblem problem;

    KnowledgeFormatException(String path, int line, String message) {
        super(path + ":" + line + ": " + message);
        this.problem = new LoadProblem(path, line, message);
    }

    LoadProblem problem() {
        return problem;
    }
}
