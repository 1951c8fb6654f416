package nl.wur.cip.helpdesk.escalation;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What reached the office's address on a test's GreenMail server, for the tests that kill a jar mid-delivery. */
public final class OfficeMailbox {
    private OfficeMailbox() {}

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

    /** Waits until every given ticket reached the office (or the time is up), then two seconds for any resend. */
    public static void awaitAll(GreenMail smtp, Collection<String> tickets, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!tickets(smtp).containsAll(tickets) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        Thread.sleep(2000); // anything still being resent would show up now
    }

    /** How many copies of each office mail arrived, by Message-ID. */
    public static Map<String, Integer> copiesByMessageId(GreenMail smtp) throws Exception {
        Map<String, Integer> copies = new HashMap<>();
        for (MimeMessage m : messages(smtp)) {
            copies.merge(m.getMessageID(), 1, Integer::sum);
        }
        return copies;
    }
}
