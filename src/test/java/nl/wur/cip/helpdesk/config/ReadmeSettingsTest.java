package nl.wur.cip.helpdesk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every setting the code reads is in the README's settings table, so none is only discoverable in the source. */
class ReadmeSettingsTest {
    @Test
    void everyHelpdeskVariableTheCodeReadsHasARowInTheReadme() throws Exception {
        String table = Files.readAllLines(Path.of("README.md")).stream().filter(line -> line.startsWith("| `HELPDESK_"))
                .reduce("", (a, b) -> a + b + "\n");
        List<String> missing = SettingNames.readByTheCode().stream().filter(name -> !table.contains("`" + name + "`")).toList();
        assertEquals(List.of(), missing, "settings read by the code but not in the README's table");
    }
}
