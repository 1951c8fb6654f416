package nl.wur.cip.helpdesk.escalation;

/** The two mails an escalation sends: the question to the office, and the receipt to the researcher. */
public enum MailKind {
    OFFICE,
    CONFIRMATION;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static MailKind of(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}
