package nl.wur.cip.helpdesk.optout;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the check found, as one level. */
public enum Verdict {
    /** A machine-readable reservation covers this address for all text and data mining. */
    RESERVED("reserved"),
    /** Only some AI crawlers are blocked, only images, or only other paths are reserved. */
    PARTLY("partly"),
    /** The site was checked and no machine-readable reservation was found. */
    NONE_FOUND("none_found"),
    /** The site could not be (fully) checked: that is not the same as "no reservation". */
    UNREACHABLE("unreachable");

    private final String code;

    Verdict(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }
}
