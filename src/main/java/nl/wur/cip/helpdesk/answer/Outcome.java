package nl.wur.cip.helpdesk.answer;

import java.util.Locale;

/** What the helpdesk made of a question. */
public enum Outcome {
    ANSWERED,
    ESCALATE,
    OFF_TOPIC;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outcome a client names by its code ({@code answered}, {@code escalate}, {@code off_topic}). */
    public static java.util.Optional<Outcome> fromCode(String code) {
        return java.util.Arrays.stream(values())
                .filter(o -> o.code().equals(code))
                .findFirst();
    }
}
