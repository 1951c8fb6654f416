package nl.wur.cip.helpdesk.knowledge;

/** A knowledge file that could not be used, with where and why, so the office can fix it. */
public record LoadProblem(String path, int line, String message) {
    @Override
    public String toString() {
        return path + ":" + line + ": " + message;
    }
}
