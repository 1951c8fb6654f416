package nl.wur.cip.helpdesk.escalation;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Sends mail through the configured SMTP server with Jakarta Mail (Eclipse Angus), with connect and read timeouts.
 * One connection serves a run of mails and is closed when the run ends; only the delivery worker's thread uses it.
 */
public final class SmtpMailer implements AutoCloseable {
    private final SmtpSettings settings;
    private final Session session;
    private Transport transport;

    public SmtpMailer(SmtpSettings settings) {
        this.settings = settings;
        String protocol = protocol();
        String timeout = Long.toString(settings.timeout().toMillis());
        Properties props = new Properties();
        props.put("mail.transport.protocol", protocol);
        props.put("mail." + protocol + ".host", settings.host());
        props.put("mail." + protocol + ".port", Integer.toString(settings.port()));
        props.put("mail." + protocol + ".connectiontimeout", timeout);
        props.put("mail." + protocol + ".timeout", timeout);
        props.put("mail." + protocol + ".writetimeout", timeout);
        props.put("mail." + protocol + ".auth", Boolean.toString(settings.user().isPresent()));
        props.put("mail." + protocol + ".from", settings.from());
        // EHLO names the sender's domain instead of looking up this host's name, which can take seconds.
        props.put("mail." + protocol + ".localhost", settings.domain());
        if (settings.tls() == SmtpSettings.Tls.STARTTLS) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        if (settings.tls() != SmtpSettings.Tls.NONE) {
            props.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        this.session = Session.getInstance(props);
    }

    public Session session() {
        return session;
    }

    public void send(MimeMessage message) throws DeliveryException {
        try {
            if (transport == null || !transport.isConnected()) {
                close();
                transport = session.getTransport(protocol());
                transport.connect(
                        settings.host(),
                        settings.port(),
                        settings.user().orElse(null),
                        settings.password().orElse(null));
            }
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            close(); // start the next mail on a fresh connection
            throw classify(e);
        }
    }

    /** Ends the current connection, if any; the next {@link #send} opens a new one. */
    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                // the connection is gone either way
            }
            transport = null;
        }
    }

    /** 4xx replies and network trouble are worth retrying; 5xx replies and refused logins are not. */
    static DeliveryException classify(MessagingException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            int code = 0;
            if (t instanceof SMTPSendFailedException f) {
                code = f.getReturnCode();
            } else if (t instanceof SMTPAddressFailedException f) {
                code = f.getReturnCode();
            } else if (t instanceof SMTPSenderFailedException f) {
                code = f.getReturnCode();
            }
            if (code >= 500) {
                return new DeliveryException("the mail server refused the mail (" + code + "): " + oneLine(t), true, e);
            }
            if (code >= 400) {
                return new DeliveryException(
                        "the mail server deferred the mail (" + code + "): " + oneLine(t), false, e);
            }
            if (t instanceof AuthenticationFailedException) {
                return new DeliveryException(
                        "the mail server refused the login: check HELPDESK_SMTP_USER and" + " HELPDESK_SMTP_PASSWORD",
                        true,
                        e);
            }
            if (t instanceof IOException) {
                return new DeliveryException("cannot reach the mail server: " + oneLine(t), false, e);
            }
        }
        return new DeliveryException("mail error: " + oneLine(e), false, e);
    }

    private String protocol() {
        return settings.tls() == SmtpSettings.Tls.TLS ? "smtps" : "smtp";
    }

    private static String oneLine(Throwable t) {
        return String.valueOf(t.getMessage()).replaceAll("[\\r\\n]+", " ").strip();
    }
}
