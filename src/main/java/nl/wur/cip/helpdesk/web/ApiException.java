package nl.wur.cip.helpdesk.web;

import nl.wur.cip.helpdesk.knowledge.Bilingual;
import nl.wur.cip.helpdesk.storage.DiskFloor;

/**
 * A refused request, answered with its status and a plain message as {@code {"error": "..."}} in the request's
 * language ({@link RequestLanguage}); the English text is what the log and {@link #getMessage()} see.
 */
public final class ApiException extends RuntimeException {
    /** What a 503 tells the client to wait when nothing more precise is known. */
    static final int DEFAULT_RETRY_AFTER_SECONDS = 2;
    /** What a client is told of a failure that is the server's own, never its details. */
    static final Bilingual SERVER_FAULT = new Bilingual(
            "something went wrong on our side; please try again", "er ging bij ons iets mis; probeer het opnieuw");

    private final int status;
    private final int retryAfterSeconds;
    private final Bilingual message;

    public ApiException(int status, String english, String dutch) {
        this(status, new Bilingual(english, dutch));
    }

    public ApiException(int status, Bilingual message) {
        this(status, message, DEFAULT_RETRY_AFTER_SECONDS);
    }

    private ApiException(int status, Bilingual message, int retryAfterSeconds) {
        super(message.en(), null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
        this.message = message;
    }

    /** Refuses an optional write while the disk is under its floor: a 503, retry in five minutes. */
    static void requireRoom(DiskFloor disk, Bilingual what) {
        if (!disk.hasRoom()) {
            throw new ApiException(
                    503,
                    new Bilingual(
                            "the helpdesk is short of disk space and is not storing " + what.en()
                                    + " at the moment; nothing was stored, please try again later",
                            "de helpdesk heeft te weinig schijfruimte en bewaart op dit moment geen " + what.nl()
                                    + "; er is niets opgeslagen, probeer het later opnieuw"),
                    300);
        }
    }

    /** The message in both languages. */
    Bilingual message() {
        return message;
    }

    public int status() {
        return status;
    }

    /** Seconds for the Retry-After header of a 503. */
    int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
