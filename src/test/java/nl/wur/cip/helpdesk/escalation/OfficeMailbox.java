package nl.wur.cip.helpdesk.escalation;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What reached the office's address on a test's GreenMail server, for the tests that kill a jar mid-delivery. */
public final class OfficeMailbox {
    private OfficeMailbox() {
    }

    /** The mails to copyright@wur.nl, duplicates included. */
    public static List<MimeMessage> messages(GreenMail smtp) throws Exception {
        List<MimeMessage> office = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (((InternetAddress) m.getAllRecipients()[0]).getAddress().equals("copyright@wur.nl")) {
                office.add(m);
            }
        }
        return office;
    }

    /** The tickets the office received, read from each mail's Message-ID ({@code <ticket.office@…>}). */
    public static Set<String> tickets(GreenMail smtp) throws Exception {
        Set<String> tickets = ConcurrentHashMap.newKeySet();
        for (MimeMessage m : messages(smtp)) {
            tickets.add(m.getMessageID().substring(1, m.getMessageID().indexOf(".office@")));
        }
        return tickets;
    }
}
