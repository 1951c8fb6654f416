package nl.wur.cip.helpdesk.answer;

import java.util.List;
import java.util.Locale;

/** What the helpdesk made of a question. */
public enum Outcome {
    ANSWERED, ESCALATE, OFF_TOPIC;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outcome a client names by its code ({@code answered}, {@code escalate}, {@code off_topic}). */
    public static java.util.Optional<Outcome> fromCode(String code) {
        return java.util.Arrays.stream(values()).filter(o -> o.code().equals(code)).findFirst();
    }

    /** The codes, for a message that lists them: "answered, escalate or off_topic". */
    public static String codes(String or) {
        List<String> codes = java.util.Arrays.stream(values()).map(Outcome::code).toList();
        return String.join(", ", codes.subList(0, codes.size() - 1)) + " " + or + " " + codes.get(codes.size() - 1);
    }
}
