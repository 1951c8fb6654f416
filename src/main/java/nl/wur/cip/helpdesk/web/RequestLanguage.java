package nl.wur.cip.helpdesk.web;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;
import nl.wur.cip.helpdesk.knowledge.Language;

/**
 * The language a request's errors are written in: the {@code language} of its JSON body, else a {@code ?language=}
 * query, else the first of English and Dutch in {@code Accept-Language} (the pages send their own language there),
 * else English.
 */
final class RequestLanguage {
    private static final String ATTRIBUTE = "cip.language";

    private RequestLanguage() {}

    /** Remembers the language a parsed body asked for, so a refusal later in the same request follows it. */
    static void noteBody(Context ctx, String code) {
        Language.fromCode(code).ifPresent(language -> ctx.attribute(ATTRIBUTE, language));
    }

    static Language of(Context ctx) {
        Language fromBody = ctx.attribute(ATTRIBUTE);
        if (fromBody != null) {
            return fromBody;
        }
        Optional<Language> fromQuery = Language.fromCode(ctx.queryParam("language"));
        return fromQuery.orElseGet(() -> fromHeader(ctx.header("Accept-Language")));
    }

    static Language fromHeader(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Language.EN;
        }
        try {
            // LanguageRange.parse orders by weight; the first range that is one of ours decides.
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                String primary = range.getRange().split("-", 2)[0];
                Optional<Language> language = Language.fromCode(primary);
                if (language.isPresent() && range.getWeight() > 0) {
                    return language.get();
                }
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
            // The JDK parser throws an index error, not only IllegalArgumentException, on some malformed ranges.
            // A header that is not a language list says nothing about the reader.
        }
        return Language.EN;
    }
}
