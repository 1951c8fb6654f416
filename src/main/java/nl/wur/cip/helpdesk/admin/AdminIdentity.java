package nl.wur.cip.helpdesk.admin;

/**
 * Who is signed in to the admin: a display name, the account (e-mail address or the provider's subject id; {@value
 * #PASSWORD_ACCOUNT} for the shared password) and the role. Recorded with every change in the audit list.
 */
public record AdminIdentity(String name, String account, Role role) {
    /** The account of everyone who logs in with the shared password: the installation has no names for them. */
    public static final String PASSWORD_ACCOUNT = "password";

    static final int MAX_NAME = 200;
    static final int MAX_ACCOUNT = 254;

    public AdminIdentity {
        name = cut(name == null ? "" : name, MAX_NAME);
        account = cut(account == null ? "" : account, MAX_ACCOUNT);
    }

    /** The shared-password login: it can do everything, as before there were roles. */
    static AdminIdentity password() {
        return new AdminIdentity("", PASSWORD_ACCOUNT, Role.HANDLER);
    }

    public boolean handler() {
        return role == Role.HANDLER;
    }

    private static String cut(String text, int max) {
        // Control characters never reach the page or a log line from a provider's claims.
        String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() <= max ? clean : clean.substring(0, max);
    }
}
