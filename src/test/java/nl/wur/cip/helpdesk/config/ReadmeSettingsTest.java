package nl.wur.cip.helpdesk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import nl.wur.cip.helpdesk.HelpdeskSetting;
import org.junit.jupiter.api.Test;

/** The README's settings table is the declarations' own, and the code reads no setting that is not declared. */
class ReadmeSettingsTest {
    private static final String START = "<!-- settings-table:start -->\n";
    private static final String END = "<!-- settings-table:end -->";

    @Test
    void theReadmeTableIsGeneratedFromTheDeclarations() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int from = readme.indexOf(START);
        int to = readme.indexOf(END);
        String shown = from < 0 || to < 0 ? "(markers missing)" : readme.substring(from + START.length(), to);
        assertEquals(
                SettingsTable.markdown(HelpdeskSetting.all()),
                shown,
                "regenerate with: java -jar target/cip-helpdesk.jar settings-table, and paste between the markers");
    }

    @Test
    void everyHelpdeskVariableTheCodeMentionsIsDeclared() throws Exception {
        Set<String> undeclared = new TreeSet<>(SettingNames.readByTheCode());
        HelpdeskSetting.all().forEach(s -> undeclared.remove(s.setting().variable()));
        assertEquals(Set.of(), undeclared, "settings read by the code but not declared in HelpdeskSetting");
    }
}
