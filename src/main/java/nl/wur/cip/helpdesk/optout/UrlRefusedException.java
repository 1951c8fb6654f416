package nl.wur.cip.helpdesk.optout;

import nl.wur.cip.helpdesk.knowledge.Bilingual;

/** The address given cannot or may not be checked: not http(s), malformed, too long, or not a public address. */
public final class UrlRefusedException extends IllegalArgumentException {
    private final transient Bilingual reason;

    public UrlRefusedException(String english, String dutch) {
        super(english);
        this.reason = new Bilingual(english, dutch);
    }

    /** What is wrong with the address, for the researcher in either language. */
    public Bilingual reason() {
        return reason;
    }
}
