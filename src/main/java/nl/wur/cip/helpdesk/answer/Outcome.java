package nl.wur.cip.helpdesk.answer;

import java.util.Locale;

/** What the helpdesk made of a question. */
public enum Outcome {
    ANSWERED, ESCALATE, OFF_TOPIC;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
