package nl.wur.cip.helpdesk.optout;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the TDMRep and robots-meta signals from HTTP headers, HTML meta tags and /.well-known/tdmrep.json.
 * Every reader tolerates garbage: it finds nothing rather than failing.
 */
final class SiteSignals {
    /** Signals found, and whether they amount to a reservation of everything or of a part. */
    record Found(List<Signal> signals, boolean fullReservation, boolean partial, List<String> problems) {}

    private static final int MAX_TAG_CHARS = 2000;
    private static final int MAX_META_TAGS = 2000;
    private static final int MAX_TDMREP_RULES = 1000;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(16).build())
            .build());

    private SiteSignals() {}

    /** {@code tdm-reservation}, {@code tdm-policy} and {@code X-Robots-Tag} response headers. */
    static Found headers(HttpHeaders headers) {
        List<Signal> signals = new ArrayList<>();
        boolean full = false;
        boolean partial = false;
        for (String value : headers.allValues("tdm-reservation")) {
            boolean reserved = value.strip().equals("1");
            signals.add(new Signal(
                    "http-header",
                    null,
                    reserved
                            ? "tdm-reservation: 1 — text and data mining is reserved"
                            : "tdm-reservation: " + value.strip() + " — no reservation",
                    "tdm-reservation: " + value,
                    reserved));
            full |= reserved;
        }
        for (String value : headers.allValues("tdm-policy")) {
            signals.add(new Signal(
                    "http-header",
                    null,
                    "tdm-policy: the site points to its licensing terms for mining",
                    "tdm-policy: " + value,
                    false));
        }
        for (String value : headers.allValues("x-robots-tag")) {
            RobotsDirective d = robotsDirective(value);
            if (d != RobotsDirective.NONE) {
                signals.add(new Signal("http-header", null, d.rule, "X-Robots-Tag: " + value, true));
                full |= d == RobotsDirective.NOAI;
                partial |= d == RobotsDirective.NOIMAGEAI;
            }
        }
        return new Found(signals, full, partial, List.of());
    }

    /**
     * The {@code <meta …>} tags of a page, each as its attributes' text and the whole tag, in one pass: the next
     * {@code >} is looked up once for all the tag starts before it, so a page of unclosed tags costs no more than
     * its length.
     */
    static List<String[]> metaTags(String html) {
        String lower = html.toLowerCase(Locale.ROOT);
        List<String[]> tags = new ArrayList<>();
        int from = 0;
        int close = -1;
        while (tags.size() < MAX_META_TAGS) {
            int start = lower.indexOf("<meta", from);
            if (start < 0) {
                break;
            }
            int after = start + 5;
            from = after;
            if (after < lower.length()
                    && (Character.isLetterOrDigit(lower.charAt(after)) || lower.charAt(after) == '_')) {
                continue; // <metadata> and the like
            }
            if (close < after) {
                close = lower.indexOf('>', after);
                if (close < 0) {
                    break;
                }
            }
            if (close - after <= MAX_TAG_CHARS) {
                tags.add(new String[] {html.substring(after, close), html.substring(start, close + 1)});
                from = close + 1;
            }
        }
        return tags;
    }

    /**
     * The attributes of one tag, read in one pass: a regular expression for them backtracked over every start of a
     * long run of name characters, and a page of {@code <meta aaaa…>} tags took 50 s.
     */
    static Map<String, String> attributes(String tag) {
        Map<String, String> attributes = new HashMap<>();
        int i = 0;
        int n = tag.length();
        while (i < n) {
            if (!nameStart(tag.charAt(i))) {
                i++;
                continue;
            }
            int nameStart = i;
            while (i < n && nameChar(tag.charAt(i))) {
                i++;
            }
            String name = tag.substring(nameStart, i).toLowerCase(Locale.ROOT);
            int j = i;
            while (j < n && Character.isWhitespace(tag.charAt(j))) {
                j++;
            }
            if (j >= n || tag.charAt(j) != '=') {
                continue; // an attribute without a value
            }
            j++;
            while (j < n && Character.isWhitespace(tag.charAt(j))) {
                j++;
            }
            if (j >= n) {
                break;
            }
            char quote = tag.charAt(j);
            int valueEnd;
            String value;
            if (quote == '"' || quote == '\'') {
                valueEnd = tag.indexOf(quote, j + 1);
                if (valueEnd < 0) {
                    break; // an unclosed quote: no more attributes
                }
                value = tag.substring(j + 1, valueEnd);
                i = valueEnd + 1;
            } else {
                valueEnd = j;
                while (valueEnd < n
                        && !Character.isWhitespace(tag.charAt(valueEnd))
                        && "\"'>".indexOf(tag.charAt(valueEnd)) < 0) {
                    valueEnd++;
                }
                if (valueEnd == j) {
                    i = j;
                    continue;
                }
                value = tag.substring(j, valueEnd);
                i = valueEnd;
            }
            attributes.putIfAbsent(name, value);
        }
        return attributes;
    }

    private static boolean nameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    private static boolean nameChar(char c) {
        return nameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
    }

    /** {@code <meta name="tdm-reservation">}, {@code tdm-policy} and {@code robots} (noai, noimageai). */
    static Found htmlMeta(String html) {
        List<Signal> signals = new ArrayList<>();
        boolean full = false;
        boolean partial = false;
        for (String[] tag : metaTags(html)) {
            Map<String, String> attributes = attributes(tag[0]);
            String name = attributes.getOrDefault("name", "").strip().toLowerCase(Locale.ROOT);
            String content = attributes.getOrDefault("content", "").strip();
            String evidence = tag[1];
            switch (name) {
                case "tdm-reservation" -> {
                    boolean reserved = content.equals("1");
                    signals.add(new Signal(
                            "html-meta",
                            null,
                            reserved
                                    ? "tdm-reservation 1 — text and data mining is reserved"
                                    : "tdm-reservation " + content + " — no reservation",
                            evidence,
                            reserved));
                    full |= reserved;
                }
                case "tdm-policy" ->
                    signals.add(new Signal(
                            "html-meta",
                            null,
                            "tdm-policy: the site points to its licensing terms for mining",
                            evidence,
                            false));
                case "robots" -> {
                    RobotsDirective d = robotsDirective(content);
                    if (d != RobotsDirective.NONE) {
                        signals.add(new Signal("html-meta", null, d.rule, evidence, true));
                        full |= d == RobotsDirective.NOAI;
                        partial |= d == RobotsDirective.NOIMAGEAI;
                    }
                }
                default -> {}
            }
        }
        return new Found(signals, full, partial, List.of());
    }

    /**
     * /.well-known/tdmrep.json: an array of {location, tdm-reservation, tdm-policy}. The first rule whose location
     * matches the path applies; reservations for other locations are reported as partial.
     */
    static Found tdmRepFile(String text, String path) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (Exception e) {
            return new Found(List.of(), false, false, List.of("tdmrep.json: not valid JSON; ignored"));
        }
        if (root == null || !root.isArray()) {
            return new Found(List.of(), false, false, List.of("tdmrep.json: not a JSON array of rules; ignored"));
        }
        List<Signal> signals = new ArrayList<>();
        boolean full = false;
        boolean partial = false;
        boolean matched = false;
        int otherReservations = 0;
        int n = 0;
        for (JsonNode rule : root) {
            if (n++ >= MAX_TDMREP_RULES) {
                break;
            }
            if (!rule.isObject() || !rule.path("location").isTextual()) {
                continue;
            }
            String location = rule.get("location").asText().strip();
            JsonNode reservation = rule.get("tdm-reservation");
            boolean reserves =
                    reservation != null && reservation.asText().strip().equals("1");
            String policy =
                    rule.path("tdm-policy").isTextual() ? rule.get("tdm-policy").asText() : null;
            String evidence = rule.toString();
            if (!matched
                    && !location.isEmpty()
                    && PathPattern.matches(
                            location.startsWith("/") || location.startsWith("*") ? location : "/" + location, path)) {
                matched = true;
                signals.add(new Signal(
                        "tdmrep.json",
                        null,
                        (reserves
                                        ? "tdm-reservation 1 for " + location + " — text and data mining is reserved"
                                        : "tdm-reservation 0 for " + location + " — no reservation")
                                + (policy != null ? "; policy " + policy : ""),
                        evidence,
                        reserves));
                full |= reserves;
            } else if (reserves && otherReservations++ < 5) {
                signals.add(new Signal(
                        "tdmrep.json", null, "tdm-reservation 1 for other paths: " + location, evidence, false));
                partial = true;
            }
        }
        return new Found(signals, full, partial, List.of());
    }

    private enum RobotsDirective {
        NONE(null),
        NOAI("noai — the page asks not to be used for AI (a non-standard directive)"),
        NOIMAGEAI("noimageai — the page asks that its images not be used for AI (a non-standard directive)");

        final String rule;

        RobotsDirective(String rule) {
            this.rule = rule;
        }
    }

    private static RobotsDirective robotsDirective(String content) {
        RobotsDirective found = RobotsDirective.NONE;
        for (String token : content.toLowerCase(Locale.ROOT).split("[,\\s]+")) {
            String t = token.contains(":") ? token.substring(token.lastIndexOf(':') + 1) : token;
            if (t.equals("noai")) {
                return RobotsDirective.NOAI;
            }
            if (t.equals("noimageai")) {
                found = RobotsDirective.NOIMAGEAI;
            }
        }
        return found;
    }
}
