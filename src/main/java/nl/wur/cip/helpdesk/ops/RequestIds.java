package nl.wur.cip.helpdesk.ops;

import java.util.concurrent.ThreadLocalRandom;

/** Short random ids that tie a response ({@code X-Request-Id}) to its log line. */
public final class RequestIds {
    private RequestIds() {}

    public static String next() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE)
                .substring(0, 12);
    }

    /** A value safe for one log line: printable, no quotes or line breaks, at most 200 characters. */
    public static String loggable(String value) {
        if (value == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), 200));
        for (int i = 0; i < value.length() && out.length() < 200; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f || c == '"' || c == ' ' || c == '\u2028' || c == '\u2029' ? '_' : c);
        }
        return out.toString();
    }
}
