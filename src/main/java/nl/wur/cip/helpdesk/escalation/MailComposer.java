package nl.wur.cip.helpdesk.escalation;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.knowledge.Messages;

/**
 * Writes the two mails of an escalation: the question to the office (Reply-To the researcher) and the receipt to
 * the researcher. Headers carry only the ticket and bare parsed addresses; what the researcher typed (the name too, which
 * as a display name could pose as the office's address) goes only in the office's body. The receipt goes to whatever
 * address was entered, so it repeats nothing typed: ticket, date and where the reply comes from.
 */
public final class MailComposer {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final String officeAddress;
    private final String fromAddress;
    private final int retentionDays;

    private final Messages messages;

    public MailComposer(String officeAddress, String fromAddress, int retentionDays, Messages messages) {
        this.messages = messages;
        this.officeAddress = officeAddress;
        this.fromAddress = fromAddress;
        this.retentionDays = retentionDays;
    }

    public MimeMessage compose(Escalation escalation, MailKind kind, String messageId, Session session)
            throws MessagingException {
        if (escalation.email().isEmpty() || escalation.question().isEmpty()) {
            throw new MessagingException("the escalation's personal data was deleted; there is nothing to send");
        }
        MimeMessage message = new FixedIdMessage(session, messageId);
        message.setFrom(named(fromAddress, "CIP Helpdesk"));
        InternetAddress researcher = new InternetAddress(escalation.email().get(), true);
        String text;
        String html;
        if (kind == MailKind.OFFICE) {
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(officeAddress, true));
            message.setReplyTo(new InternetAddress[] {researcher});
            message.setSubject("[" + escalation.ticket() + "] Question from the CIP Helpdesk", "UTF-8");
            text = officeText(escalation);
        } else {
            message.setRecipient(Message.RecipientType.TO, researcher);
            message.setReplyTo(new InternetAddress[] {new InternetAddress(officeAddress, true)});
            message.setSubject(
                    "[" + escalation.ticket() + "] "
                            + messages.text(
                                    nl.wur.cip.helpdesk.knowledge.Message.MAIL_CONFIRMATION_SUBJECT,
                                    escalation.language()),
                    "UTF-8");
            message.setHeader("Auto-Submitted", "auto-generated");
            text = confirmationText(escalation);
        }
        html = "<!DOCTYPE html><html><body><pre style=\"font-family: sans-serif; white-space: pre-wrap\">"
                + escapeHtml(text) + "</pre></body></html>";
        MimeBodyPart plainPart = new MimeBodyPart();
        plainPart.setText(text, "UTF-8");
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setText(html, "UTF-8", "html");
        message.setContent(new MimeMultipart("alternative", plainPart, htmlPart));
        message.setSentDate(Date.from(escalation.createdAt()));
        message.saveChanges();
        return message;
    }

    private String officeText(Escalation e) {
        StringBuilder text = new StringBuilder();
        text.append("Ticket: ")
                .append(e.ticket())
                .append('\n')
                .append("Received: ")
                .append(WHEN.format(e.createdAt()))
                .append('\n')
                .append("From: ")
                .append(e.name().map(n -> n + " ").orElse(""))
                .append('<')
                .append(e.email().orElseThrow())
                .append(">  (reply to this mail to answer the researcher)\n")
                .append("Asked from: the helpdesk ")
                .append(e.origin())
                .append(", in ")
                .append(e.language() == Language.NL ? "Dutch" : "English")
                .append('\n')
                .append("May the CIP quote this question anonymously in its newsletter: ")
                .append(e.quoteConsent() ? "yes" : "no")
                .append("\n\nQuestion\n--------\n")
                .append(e.question().orElseThrow())
                .append('\n');
        if (!e.transcript().isEmpty()) {
            // The browser sends the conversation, so the helpdesk's turns in it are what the client says they were.
            text.append(
                            "\nConversation with the helpdesk, as sent by the researcher's browser (not checked by the server)\n")
                    .append("-".repeat(88))
                    .append('\n');
            for (EscalationRequest.TranscriptEntry entry : e.transcript()) {
                text.append("user".equals(entry.role()) ? "Researcher: " : "Helpdesk (as reported by the browser): ")
                        .append(entry.text())
                        .append("\n\n");
            }
        }
        e.assessment()
                .ifPresent(report -> text.append("\nChecklist assessment (")
                        .append(e.assessmentId().orElse(""))
                        .append(")\n---------------------\n")
                        .append(report)
                        .append('\n'));
        return text.toString();
    }

    private String confirmationText(Escalation e) {
        return messages.text(
                nl.wur.cip.helpdesk.knowledge.Message.MAIL_CONFIRMATION,
                e.language(),
                "when",
                WHEN.format(e.createdAt()),
                "office",
                officeAddress,
                "ticket",
                e.ticket(),
                "days",
                String.valueOf(retentionDays));
    }

    private static InternetAddress named(String address, String personal) throws MessagingException {
        InternetAddress parsed = new InternetAddress(address, true);
        if (personal != null && !personal.isBlank()) {
            try {
                parsed.setPersonal(personal, "UTF-8");
            } catch (UnsupportedEncodingException e) {
                throw new MessagingException("UTF-8 is always supported", e);
            }
        }
        return parsed;
    }

    static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A message whose Message-ID is the one derived from its ticket, not a random one. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
