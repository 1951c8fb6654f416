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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the TDMRep and robots-meta signals from HTTP headers, HTML meta tags and /.well-known/tdmrep.json.
 * Every reader tolerates garbage: it finds nothing rather than failing.
 */
final class SiteSignals {
    /** Signals found, and whether they amount to a reservation of everything or of a part. */
    record Found(List<Signal> signals, boolean fullReservation, boolean partial, List<String> problems) {
    }

    private static final Pattern META_TAG = Pattern.compile("<meta\\b([^>]{0,2000})>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "([a-zA-Z_:][-a-zA-Z0-9_:.]*)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+))");
    private static final int MAX_META_TAGS = 2000;
    private static final int MAX_TDMREP_RULES = 1000;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build()).build());

    private SiteSignals() {
    }

    /** {@code tdm-reservation}, {@code tdm-policy} and {@code X-Robots-Tag} response headers. */
    static Found headers(HttpHeaders headers) {
        List<Signal> signals = new ArrayList<>();
        boolean full = false;
        boolean partial = false;
        for (String value : headers.allValues("tdm-reservation")) {
            boolean reserved = value.strip().equals("1");
            signals.add(new Signal("http-header", null, reserved ? "tdm-reservation: 1 — text and data mining is reserved"
                    : "tdm-reservation: " + value.strip() + " — no reservation", "tdm-reservation: " + value, reserved));
            full |= reserved;
        }
        for (String value : headers.allValues("tdm-policy")) {
            signals.add(new Signal("http-header", null, "tdm-policy: the site points to its licensing terms for mining",
                    "tdm-policy: " + value, false));
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

    /** {@code <meta name="tdm-reservation">}, {@code tdm-policy} and {@code robots} (noai, noimageai). */
    static Found htmlMeta(String html) {
        List<Signal> signals = new ArrayList<>();
        boolean full = false;
        boolean partial = false;
        Matcher tags = META_TAG.matcher(html);
        int count = 0;
        while (tags.find() && count++ < MAX_META_TAGS) {
            Map<String, String> attributes = new HashMap<>();
            Matcher a = ATTRIBUTE.matcher(tags.group(1));
            while (a.find()) {
                String value = a.group(2) != null ? a.group(2) : a.group(3) != null ? a.group(3) : a.group(4);
                attributes.putIfAbsent(a.group(1).toLowerCase(Locale.ROOT), value);
            }
            String name = attributes.getOrDefault("name", "").strip().toLowerCase(Locale.ROOT);
            String content = attributes.getOrDefault("content", "").strip();
            String evidence = tags.group();
            switch (name) {
                case "tdm-reservation" -> {
                    boolean reserved = content.equals("1");
                    signals.add(new Signal("html-meta", null, reserved ? "tdm-reservation 1 — text and data mining is reserved"
                            : "tdm-reservation " + content + " — no reservation", evidence, reserved));
                    full |= reserved;
                }
                case "tdm-policy" -> signals.add(new Signal("html-meta", null,
                        "tdm-policy: the site points to its licensing terms for mining", evidence, false));
                case "robots" -> {
                    RobotsDirective d = robotsDirective(content);
                    if (d != RobotsDirective.NONE) {
                        signals.add(new Signal("html-meta", null, d.rule, evidence, true));
                        full |= d == RobotsDirective.NOAI;
                        partial |= d == RobotsDirective.NOIMAGEAI;
                    }
                }
                default -> {
                }
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
            boolean reserves = reservation != null && reservation.asText().strip().equals("1");
            String policy = rule.path("tdm-policy").isTextual() ? rule.get("tdm-policy").asText() : null;
            String evidence = rule.toString();
            if (!matched && !location.isEmpty() && PathPattern.matches(location.startsWith("/") || location.startsWith("*")
                    ? location : "/" + location, path)) {
                matched = true;
                signals.add(new Signal("tdmrep.json", null, (reserves ? "tdm-reservation 1 for " + location
                        + " — text and data mining is reserved" : "tdm-reservation 0 for " + location + " — no reservation")
                        + (policy != null ? "; policy " + policy : ""), evidence, reserves));
                full |= reserves;
            } else if (reserves && otherReservations++ < 5) {
                signals.add(new Signal("tdmrep.json", null, "tdm-reservation 1 for other paths: " + location, evidence, false));
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
