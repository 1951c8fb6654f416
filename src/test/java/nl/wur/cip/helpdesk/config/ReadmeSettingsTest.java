package nl.wur.cip.helpdesk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every setting the code reads is in the README's settings table, so none is only discoverable in the source. */
class ReadmeSettingsTest {
    private static final Pattern SETTING = Pattern.compile("\"(HELPDESK_[A-Z0-9_]+)\"");

    @Test
    void everyHelpdeskVariableTheCodeReadsHasARowInTheReadme() throws Exception {
        TreeSet<String> read = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = SETTING.matcher(Files.readString(source));
                while (m.find()) {
                    read.add(m.group(1));
                }
            }
        }
        String table = Files.readAllLines(Path.of("README.md")).stream().filter(line -> line.startsWith("| `HELPDESK_"))
                .reduce("", (a, b) -> a + b + "\n");
        List<String> missing = read.stream().filter(name -> !table.contains("`" + name + "`")).toList();
        assertEquals(List.of(), missing, "settings read by the code but not in the README's table");
    }
}
