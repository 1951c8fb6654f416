package nl.wur.cip.helpdesk.escalation;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import nl.wur.cip.helpdesk.config.Settings;
import java.util.Optional;

/**
 * How to reach the SMTP server, from the {@code HELPDESK_SMTP_*} settings. Absent when no host is configured: then
 * escalations are stored and shown in the admin inbox, and the researcher is offered a mailto link.
 */
public record SmtpSettings(String host, int port, Tls tls, Optional<String> user, Optional<String> password, String from,
                           Duration timeout) {

    /** How the connection is secured: not at all, upgraded with STARTTLS, or TLS from the first byte. */
    public enum Tls { NONE, STARTTLS, TLS }

    public static Optional<SmtpSettings> from(Map<String, String> values) {
        String host = values.getOrDefault("HELPDESK_SMTP_HOST", "").strip();
        if (host.isEmpty()) {
            return Optional.empty();
        }
        Tls tls;
        String tlsValue = values.getOrDefault("HELPDESK_SMTP_TLS", "starttls").strip().toUpperCase(Locale.ROOT);
        try {
            tls = Tls.valueOf(tlsValue);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HELPDESK_SMTP_TLS must be none, starttls or tls, not '" + tlsValue + "'");
        }
        int defaultPort = switch (tls) {
            case NONE -> 25;
            case STARTTLS -> 587;
            case TLS -> 465;
        };
        int port = Settings.number(values, "HELPDESK_SMTP_PORT", defaultPort, 1, 65535);
        int timeoutSeconds = Settings.number(values, "HELPDESK_SMTP_TIMEOUT_SECONDS", 20, 1, 600);
        String from = values.getOrDefault("HELPDESK_SMTP_FROM", "").strip();
        if (from.isEmpty()) {
            throw new IllegalArgumentException("HELPDESK_SMTP_FROM is required when HELPDESK_SMTP_HOST is set"
                    + " (the address the helpdesk sends from, e.g. cip-helpdesk@wur.nl)");
        }
        if (EmailAddresses.parse(from).isEmpty()) {
            throw new IllegalArgumentException("HELPDESK_SMTP_FROM must be a plain e-mail address, not '" + from + "'");
        }
        Optional<String> user = Optional.ofNullable(values.get("HELPDESK_SMTP_USER")).map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> password = Optional.ofNullable(values.get("HELPDESK_SMTP_PASSWORD")).filter(s -> !s.isEmpty());
        return Optional.of(new SmtpSettings(host, port, tls, user, password, from, Duration.ofSeconds(timeoutSeconds)));
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
