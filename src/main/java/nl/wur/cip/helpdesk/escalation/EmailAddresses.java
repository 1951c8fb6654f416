package nl.wur.cip.helpdesk.escalation;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Strict parsing of a researcher's e-mail address: one plain {@code local@domain}, nothing a mail header could
 * read as a second address, a display name or a new header line.
 */
public final class EmailAddresses {
    public static final int MAX_LENGTH = 254;
    private static final Pattern PLAIN =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private EmailAddresses() {}

    public static Optional<InternetAddress> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH || !PLAIN.matcher(text).matches() || text.indexOf('@') > 64) {
            return Optional.empty();
        }
        try {
            InternetAddress address = new InternetAddress(text, true);
            address.validate();
            return text.equals(address.getAddress()) ? Optional.of(address) : Optional.empty();
        } catch (AddressException e) {
            return Optional.empty();
        }
    }
}
