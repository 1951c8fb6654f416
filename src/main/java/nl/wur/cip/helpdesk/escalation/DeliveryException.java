package nl.wur.cip.helpdesk.escalation;

/** A mail could not be delivered; {@code permanent} when trying again cannot help (a 5xx reply). */
public final class DeliveryException extends Exception {
    private final boolean permanent;

    public DeliveryException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
