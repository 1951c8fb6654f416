package nl.wur.cip.helpdesk.knowledge;

import java.util.List;
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

    /** The options as a choice in words, "a, b or c" and "a, b of c", e.g. for an error naming the allowed codes. */
    public static Bilingual oneOf(List<String> options) {
        String others = String.join(", ", options.subList(0, options.size() - 1));
        String last = options.get(options.size() - 1);
        return options.size() == 1
                ? new Bilingual(last, last)
                : new Bilingual(others + " or " + last, others + " of " + last);
    }
}
