package nl.wur.cip.helpdesk.config;

import java.util.List;
import java.util.Locale;

/**
 * One setting's declaration: its environment variable (its {@code --flag} follows from it), the value used when it is
 * unset, what it accepts and what it means. The README's settings table is generated from these declarations.
 *
 * @param variable     the environment variable, e.g. {@code HELPDESK_PORT}
 * @param fallback     the value used when the setting is unset; empty when there is none
 * @param shownDefault the default as the README shows it (e.g. "number of cores" when it is worked out at start)
 * @param allowed      what the setting accepts, as the README shows it
 * @param min          the smallest number allowed (numbers only)
 * @param max          the largest number allowed (numbers only)
 * @param choices      the allowed values (choices only; empty for other settings)
 * @param description  what the setting does, one line in English
 */
public record Setting(
        String variable,
        String fallback,
        String shownDefault,
        String allowed,
        int min,
        int max,
        List<String> choices,
        String description)
        implements DeclaredSetting {
    private static final String PREFIX = "HELPDESK_";

    public Setting {
        if (!variable.matches(PREFIX + "[A-Z0-9_]+")) {
            throw new IllegalArgumentException("a setting's variable is HELPDESK_ and capitals: " + variable);
        }
        choices = List.copyOf(choices);
    }

    /** A whole number from {@code min} to {@code max}. */
    public static Setting number(String variable, int fallback, int min, int max, String description) {
        return new Setting(
                variable,
                Integer.toString(fallback),
                "`" + fallback + "`",
                min + "–" + max,
                min,
                max,
                List.of(),
                description);
    }

    /** Free text (a path, an address, a password); {@code fallback} may be empty for "not set". */
    public static Setting text(String variable, String fallback, String description) {
        return new Setting(
                variable,
                fallback,
                fallback.isEmpty() ? "(none)" : "`" + fallback + "`",
                "text",
                0,
                0,
                List.of(),
                description);
    }

    /** One of a few words, compared without regard to case; the first word is not necessarily the default. */
    public static Setting choice(String variable, String fallback, List<String> choices, String description) {
        if (!choices.contains(fallback)) {
            throw new IllegalArgumentException(variable + ": the default " + fallback + " is not one of " + choices);
        }
        return new Setting(
                variable,
                fallback,
                "`" + fallback + "`",
                String.join(", ", choices.stream().map(c -> "`" + c + "`").toList()),
                0,
                0,
                choices,
                description);
    }

    /** {@code true} or {@code false}, off unless set. */
    public static Setting onOff(String variable, String description) {
        return choice(variable, "false", List.of("true", "false"), description);
    }

    /** This setting with another default shown in the README (one worked out at start, or what "unset" means). */
    public Setting shownAs(String shown) {
        return new Setting(variable, fallback, shown, allowed, min, max, choices, description);
    }

    /** This setting with another description of what it accepts, for free text such as a path or an address. */
    public Setting accepting(String what) {
        return new Setting(variable, fallback, shownDefault, what, min, max, choices, description);
    }

    @Override
    public Setting setting() {
        return this;
    }

    /** The command-line flag that overrides the variable: {@code HELPDESK_DB_URL} is {@code --db-url}. */
    public String flag() {
        return "--"
                + variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The variable a flag name ({@code db-url}) stands for. */
    static String variableOf(String flagName) {
        return PREFIX + flagName.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
