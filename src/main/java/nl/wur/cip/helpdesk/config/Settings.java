package nl.wur.cip.helpdesk.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads one setting with a clear error, so every part of the configuration refuses bad values alike. */
public final class Settings {
    private Settings() {
    }

    /** The setting {@code name} as a whole number in {@code [min, max]}, or {@code fallback} when it is unset. */
    public static int number(Map<String, String> values, String name, int fallback, int min, int max) {
        String text = values.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a number from " + min + " to " + max + ", not '" + text + "'");
    }

    /**
     * The setting {@code name} as a comma-separated list of web origins ({@code https://www.wur.nl}): scheme, host and
     * port only, as a browser compares them; empty when unset.
     */
    public static List<String> origins(Map<String, String> values, String name) {
        String text = values.getOrDefault(name, "");
        List<String> origins = new ArrayList<>();
        for (String item : text.split(",")) {
            String origin = item.strip();
            if (origin.isEmpty()) {
                continue;
            }
            try {
                URI uri = new URI(origin);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                        && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
                if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null && bare) {
                    origins.add(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
                    continue;
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            throw new IllegalArgumentException(name + " must list origins such as https://www.wur.nl (no path), not '" + origin + "'");
        }
        return List.copyOf(origins);
    }
}
