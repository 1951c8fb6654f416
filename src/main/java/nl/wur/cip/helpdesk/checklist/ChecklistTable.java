package nl.wur.cip.helpdesk.checklist;

import java.util.ArrayList;
import java.util.List;

/** Renders the decision tree as a Markdown table in English, so the README can show the office's tree as it is. */
public final class ChecklistTable {
    private ChecklistTable() {}

    /** One row per question: the question, then each option with where it leads and what it adds. */
    public static String markdown(Checklist checklist) {
        StringBuilder out = new StringBuilder();
        out.append("| Question | Options → next / level |\n");
        out.append("| --- | --- |\n");
        for (Checklist.Question question : checklist.questions()) {
            String start = question.id().equals(checklist.start()) ? " (start)" : "";
            out.append("| `")
                    .append(question.id())
                    .append('`')
                    .append(start)
                    .append(": ")
                    .append(cell(question.text().en()))
                    .append(" | ");
            List<String> options = new ArrayList<>();
            for (Checklist.Option option : question.options()) {
                StringBuilder line = new StringBuilder();
                line.append(cell(option.label().en()))
                        .append(" → ")
                        .append(Checklist.END.equals(option.next()) ? "end" : "`" + option.next() + "`");
                if (option.level() != null) {
                    line.append(" / **").append(option.level()).append("**");
                }
                option.trackLevels()
                        .forEach((track, level) -> line.append(" / **")
                                .append(level)
                                .append("** (")
                                .append(track)
                                .append(" track)"));
                if (option.track() != null) {
                    line.append(" · track: ").append(option.track());
                }
                if (!option.conditions().isEmpty()) {
                    line.append(" · conditions: ").append(String.join(", ", option.conditions()));
                }
                if (!option.flags().isEmpty()) {
                    line.append(" · flags: ").append(String.join(", ", option.flags()));
                }
                options.add(line.toString());
            }
            out.append(String.join("<br>", options)).append(" |\n");
        }
        out.append("\n| Verdict level | Title | Meaning |\n| --- | --- | --- |\n");
        for (Checklist.Level level : checklist.levels()) {
            out.append("| **")
                    .append(level.id())
                    .append("** | ")
                    .append(cell(level.title().en()))
                    .append(" | ")
                    .append(cell(level.text().en()))
                    .append(" |\n");
        }
        List<Checklist.Condition> perTrack = checklist.conditions().values().stream()
                .filter(Checklist.Condition::dependsOnTrack)
                .toList();
        if (!perTrack.isEmpty()) {
            out.append("\n| Condition worded per track | Track | Text |\n| --- | --- | --- |\n");
            for (Checklist.Condition condition : perTrack) {
                condition
                        .tracks()
                        .forEach((track, wording) -> out.append("| ")
                                .append(condition.id())
                                .append(" | ")
                                .append(track)
                                .append(" | ")
                                .append(cell(wording.text().en()))
                                .append(" |\n"));
            }
        }
        return out.toString();
    }

    /** A pipe or a line break would end the cell or the row early. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replaceAll("\\s*\\n\\s*", " ");
    }
}
