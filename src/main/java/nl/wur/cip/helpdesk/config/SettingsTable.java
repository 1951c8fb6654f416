package nl.wur.cip.helpdesk.config;

import java.util.List;

/** The README's settings table, written from the declarations so it cannot drift from what the code reads. */
public final class SettingsTable {
    private SettingsTable() {}

    /** One Markdown row per setting, in declaration order. */
    public static String markdown(List<? extends DeclaredSetting> settings) {
        StringBuilder table = new StringBuilder(
                "| variable | flag | default | accepts | meaning |\n| --- | --- | --- | --- | --- |\n");
        for (DeclaredSetting declared : settings) {
            Setting s = declared.setting();
            table.append("| `")
                    .append(s.variable())
                    .append("` | `")
                    .append(s.flag())
                    .append("` | ")
                    .append(s.shownDefault())
                    .append(" | ")
                    .append(s.allowed())
                    .append(" | ")
                    .append(s.description())
                    .append(" |\n");
        }
        return table.toString();
    }
}
