package nl.wur.cip.helpdesk.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README shows the checklist as the data file defines it, not as it once was. */
class ReadmeChecklistTableTest {
    private static final String START = "<!-- checklist-table:start -->\n";
    private static final String END = "<!-- checklist-table:end -->";

    @Test
    void theReadmeTableIsGeneratedFromTheChecklistFile() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int from = readme.indexOf(START);
        int to = readme.indexOf(END);
        String shown = from < 0 || to < 0 ? "(markers missing)" : readme.substring(from + START.length(), to);
        String generated =
                ChecklistTable.markdown(new ChecklistLoader().load(Path.of("knowledge/checklist/checklist.yml")));
        assertEquals(
                generated,
                shown,
                "regenerate with: java -jar target/cip-helpdesk.jar checklist-table, and paste between the markers");
    }
}
