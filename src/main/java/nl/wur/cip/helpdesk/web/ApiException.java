package nl.wur.cip.helpdesk.web;

import nl.wur.cip.helpdesk.storage.DiskFloor;

/** A refused request, answered with its status and a plain message as {@code {"error": "..."}}. */
public final class ApiException extends RuntimeException {
    /** What a 503 tells the client to wait when nothing more precise is known. */
    static final int DEFAULT_RETRY_AFTER_SECONDS = 2;

    private final int status;
    private final int retryAfterSeconds;

    public ApiException(int status, String message) {
        this(status, message, DEFAULT_RETRY_AFTER_SECONDS);
    }

    private ApiException(int status, String message, int retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Refuses an optional write while the disk is under its floor: a 503, retry in five minutes. */
    static void requireRoom(DiskFloor disk, String what) {
        if (!disk.hasRoom()) {
            throw new ApiException(503, "the helpdesk is short of disk space and is not storing " + what
                    + " at the moment; nothing was stored, please try again later", 300);
        }
    }

    public int status() {
        return status;
    }

    /** Seconds for the Retry-After header of a 503. */
    int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
