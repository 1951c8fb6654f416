package nl.wur.cip.helpdesk.knowledge;

import java.util.Objects;

/** One sentence in both languages the helpdesk speaks, so whoever shows it can follow the reader's language. */
public record Bilingual(String en, String nl) {
    public Bilingual {
        Objects.requireNonNull(en, "en");
        Objects.requireNonNull(nl, "nl");
    }

    public String in(Language language) {
        return language == Language.NL ? nl : en;
    }
}
