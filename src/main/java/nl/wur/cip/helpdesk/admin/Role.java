package nl.wur.cip.helpdesk.admin;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a signed-in member of the office may do: a viewer reads everything, a handler also changes things. */
public enum Role {
    VIEWER,
    HANDLER;

    /** The code in the API, the database and the settings. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
    }
}
