package nl.wur.cip.helpdesk.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The settings' values: the environment, each variable overridden by its {@code --name=value} flag, read by their
 * declarations with one clear error for a bad value ("HELPDESK_PORT must be a number from 0 to 65535, not 'x'").
 */
public final class SettingValues {
    private final Map<String, String> values;

    private SettingValues(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * The environment with the flags on top. Flags that are no setting (a command's own, such as {@code --language})
     * are left for that command.
     */
    public static SettingValues of(Map<String, String> env, List<String> flags) {
        Map<String, String> values = new HashMap<>(env);
        for (String flag : flags) {
            if (flag.startsWith("--") && flag.contains("=")) {
                values.put(
                        Setting.variableOf(flag.substring(2, flag.indexOf('='))),
                        flag.substring(flag.indexOf('=') + 1));
            }
        }
        return new SettingValues(values);
    }

    /** The value as given (not stripped: a password may end in a space), or the declared default. */
    public String raw(DeclaredSetting declared) {
        Setting setting = declared.setting();
        return values.getOrDefault(setting.variable(), setting.fallback());
    }

    /** The value without surrounding spaces, or the declared default. */
    public String text(DeclaredSetting declared) {
        Setting setting = declared.setting();
        return raw(setting).strip();
    }

    /** The value without surrounding spaces when one is given, ignoring the default. */
    public Optional<String> given(DeclaredSetting declared) {
        Setting setting = declared.setting();
        return Optional.ofNullable(values.get(setting.variable()))
                .map(String::strip)
                .filter(s -> !s.isEmpty());
    }

    /** A secret as given, unless unset or blank; never stripped. */
    public Optional<String> secret(DeclaredSetting declared) {
        Setting setting = declared.setting();
        return Optional.ofNullable(values.get(setting.variable())).filter(s -> !s.isBlank());
    }

    /** The setting as a whole number in its declared range, or its declared default when unset. */
    public int number(DeclaredSetting declared) {
        Setting setting = declared.setting();
        return number(setting, Integer.parseInt(setting.fallback()));
    }

    /** The setting as a whole number in its declared range, or {@code fallback} (worked out at start) when unset. */
    public int number(DeclaredSetting declared, int fallback) {
        Setting setting = declared.setting();
        String text = values.get(setting.variable());
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= setting.min() && value <= setting.max()) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(setting.variable() + " must be a number from " + setting.min() + " to "
                + setting.max() + ", not '" + text + "'");
    }

    /** The setting as one of its declared choices (in lower case), or its default when unset or blank. */
    public String choice(DeclaredSetting declared) {
        Setting setting = declared.setting();
        String value = text(setting).toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            return setting.fallback();
        }
        if (!setting.choices().contains(value)) {
            List<String> choices = setting.choices();
            String listed = String.join(", ", choices.subList(0, choices.size() - 1)) + " or "
                    + choices.get(choices.size() - 1);
            throw new IllegalArgumentException(
                    setting.variable() + " must be " + listed + ", not '" + text(setting) + "'");
        }
        return value;
    }

    /** The setting as {@code true} or {@code false}. */
    public boolean onOff(DeclaredSetting declared) {
        Setting setting = declared.setting();
        return choice(setting).equals("true");
    }

    /**
     * The setting as a comma-separated list of web origins ({@code https://www.wur.nl}): scheme, host and port only, as
     * a browser compares them; empty when unset.
     */
    public List<String> origins(DeclaredSetting declared) {
        Setting setting = declared.setting();
        List<String> origins = new ArrayList<>();
        for (String item : raw(setting).split(",")) {
            String origin = item.strip();
            if (origin.isEmpty()) {
                continue;
            }
            try {
                URI uri = new URI(origin);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                        && uri.getRawQuery() == null
                        && uri.getRawFragment() == null
                        && uri.getRawUserInfo() == null;
                if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null && bare) {
                    origins.add(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                            + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
                    continue;
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            throw new IllegalArgumentException(setting.variable()
                    + " must list origins such as https://www.wur.nl (no path), not '" + origin + "'");
        }
        return List.copyOf(origins);
    }
}
