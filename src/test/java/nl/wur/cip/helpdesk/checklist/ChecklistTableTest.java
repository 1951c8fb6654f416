package nl.wur.cip.helpdesk.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nl.wur.cip.helpdesk.knowledge.Bilingual;
import org.junit.jupiter.api.Test;

/** The README table shows the whole shipped tree and survives awkward text. */
class ChecklistTableTest {
    @Test
    void containsEveryQuestionAndOptionOfTheShippedTree() {
        Checklist checklist = new ChecklistLoader().load(Path.of("knowledge/checklist/checklist.yml"));
        String table = ChecklistTable.markdown(checklist);
        assertTrue(table.startsWith("| Question | Options → next / level |\n| --- | --- |\n"));
        assertEquals(
                checklist.questions().size(),
                table.lines().filter(l -> l.startsWith("| `")).count(),
                "one row per question");
        for (Checklist.Level level : checklist.levels()) {
            assertTrue(
                    table.contains("| **" + level.id() + "** | " + level.title().en()), "missing level " + level.id());
        }
        for (Checklist.Question question : checklist.questions()) {
            assertTrue(table.contains("| `" + question.id() + "`"), "missing question " + question.id());
            for (Checklist.Option option : question.options()) {
                assertTrue(
                        table.contains(option.label().en().replace("|", "\\|")),
                        "missing option " + question.id() + "/" + option.id());
            }
        }
        assertTrue(table.contains("`" + checklist.start() + "` (start)"));
        assertTrue(table.contains("→ `opt_out` / **general_exception**"));
    }

    @Test
    void escapesPipesAndLineBreaks() {
        Bilingual text = new Bilingual("Is it A | B?\nReally?", "A | B?");
        Checklist.Option option = new Checklist.Option(
                "a", new Bilingual("Yes | no", "Ja"), Checklist.END, "only", List.of("c"), List.of());
        Checklist checklist = new Checklist(
                "1",
                "q",
                List.of(new Checklist.Question("q", text, text, List.of(), List.of(option))),
                List.of(new Checklist.Level("only", text, text, List.of())),
                Map.of("c", new Checklist.Condition("c", text, List.of())),
                Map.of(),
                "test");
        String table = ChecklistTable.markdown(checklist);
        assertEquals(
                "| `q` (start): Is it A \\| B? Really? | Yes \\| no → end / **only** · conditions: c |",
                table.lines().toList().get(2));
    }
}
