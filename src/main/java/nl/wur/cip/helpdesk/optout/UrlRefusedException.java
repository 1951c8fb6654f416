package nl.wur.cip.helpdesk.optout;

/** The address given cannot or may not be checked: not http(s), malformed, too long, or not a public address. */
public final class UrlRefusedException extends IllegalArgumentException {
    public UrlRefusedException(String message) {
        super(message);
    }
}
