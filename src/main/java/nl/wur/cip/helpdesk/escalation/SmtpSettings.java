package nl.wur.cip.helpdesk.escalation;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How to reach the SMTP server, from the {@code HELPDESK_SMTP_*} settings (read by the root HelpdeskConfig). Absent when no host is configured: then
 * escalations are stored and shown in the admin inbox, and the researcher is offered a mailto link.
 */
public record SmtpSettings(
        String host,
        int port,
        Tls tls,
        Optional<String> user,
        Optional<String> password,
        String from,
        Duration timeout) {

    /** How the connection is secured: not at all, upgraded with STARTTLS, or TLS from the first byte. */
    public enum Tls {
        NONE,
        STARTTLS,
        TLS
    }

    /** The sender's domain, used in the Message-IDs the helpdesk makes. */
    public String domain() {
        return from.substring(from.lastIndexOf('@') + 1);
    }

    @Override
    public String toString() {
        // The password stays out of logs.
        return "SmtpSettings[" + host + ":" + port + ", tls=" + tls.name().toLowerCase(Locale.ROOT) + ", user="
                + user.orElse("-") + ", from=" + from + "]";
    }
}
