package nl.wur.cip.helpdesk.knowledge;

import java.util.Locale;
import java.util.Optional;

/** The two languages the helpdesk speaks. */
public enum Language {
    EN,
    NL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Language> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return switch (code.trim().toLowerCase(Locale.ROOT)) {
            case "en" -> Optional.of(EN);
            case "nl" -> Optional.of(NL);
            default -> Optional.empty();
        };
    }
}
