package nl.wur.cip.helpdesk.escalation;

/** Where one outgoing mail stands; {@code CANCELLED} when retention deleted what it would have carried. */
public enum DeliveryStatus {
    QUEUED,
    SENT,
    FAILED,
    CANCELLED;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static DeliveryStatus of(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}
