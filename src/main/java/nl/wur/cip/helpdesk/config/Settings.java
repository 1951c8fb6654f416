package nl.wur.cip.helpdesk.config;

import java.util.Map;

/** Reads one numeric setting with a clear error, so every part of the configuration refuses bad values alike. */
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
}
