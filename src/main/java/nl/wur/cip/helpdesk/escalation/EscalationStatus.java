package nl.wur.cip.helpdesk.escalation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Where an escalation stands for the office: the state of its mail to the office, or handled once marked so. */
public enum EscalationStatus {
    QUEUED,
    SENT,
    FAILED,
    CANCELLED,
    HANDLED;

    /** The statuses the admin inbox filters by; a cancelled mail is rare and shown in full, not filtered for. */
    public static final List<EscalationStatus> FILTERS = List.of(QUEUED, SENT, FAILED, HANDLED);

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EscalationStatus> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
    }

    static EscalationStatus of(DeliveryStatus delivery) {
        return valueOf(delivery.name());
    }
}
