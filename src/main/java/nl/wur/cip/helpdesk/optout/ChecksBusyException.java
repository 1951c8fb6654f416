package nl.wur.cip.helpdesk.optout;

/** Thrown at once when as many opt-out checks run as the configuration allows: the caller answers "try again". */
public final class ChecksBusyException extends RuntimeException {
    private final int running;

    public ChecksBusyException(int running) {
        super("the opt-out checker is busy with " + running + " other checks; try again in a moment");
        this.running = running;
    }

    public int running() {
        return running;
    }
}
