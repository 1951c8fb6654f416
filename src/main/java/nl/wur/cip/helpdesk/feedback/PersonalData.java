package nl.wur.cip.helpdesk.feedback;

import java.util.regex.Pattern;

/** Removes what identifies a person from free text the office keeps: e-mail addresses and long numbers (phones, ids). */
public final class PersonalData {
    private static final Pattern EMAIL = Pattern.compile("[^\\s<>()\\[\\],;:\"]+@[^\\s<>()\\[\\],;:\"]+");
    private static final Pattern NUMBER = Pattern.compile("\\+?\\d[\\d ().-]{6,}\\d");

    private PersonalData() {}

    public static String scrub(String text) {
        return text == null
                ? null
                : NUMBER.matcher(EMAIL.matcher(text).replaceAll("[e-mail]")).replaceAll("[number]");
    }
}
