package nl.wur.cip.helpdesk.web;

/** A client mistake, answered with its status and a plain message as {@code {"error": "..."}}. */
public final class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
