package nl.wur.cip.helpdesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The office's wording file: complete in both languages, checked at start, and every key in it is one the code uses. */
class MessagesTest {
    private static final String SHIPPED = Path.of("knowledge", Messages.FILE).toString();

    private static String shipped() throws IOException {
        return Files.readString(Path.of(SHIPPED));
    }

    private static List<String> problems(String text) {
        MessagesException e = assertThrows(MessagesException.class, () -> Messages.parse("messages.yml", text));
        return e.problems().stream().map(LoadProblem::toString).toList();
    }

    @Test
    void theShippedFileHasEveryMessageInBothLanguages() {
        Messages messages = Messages.load(Path.of("knowledge"));
        for (Message m : Message.values()) {
            assertTrue(!messages.of(m).en().isBlank() && !messages.of(m).nl().isBlank(), m.key());
        }
        assertEquals(
                "General guidance, not legal advice. For your own situation, the Copyright Information Point can help:"
                        + " office@example.org.",
                messages.text(Message.ANSWER_DISCLAIMER, Language.EN, "office", "office@example.org"));
    }

    @Test
    void everyMessageIsUsedByTheCode() throws IOException {
        StringBuilder code = new StringBuilder();
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java") && !p.endsWith("Message.java"))
                    .toList()) {
                code.append(Files.readString(source));
            }
        }
        List<String> unused = new ArrayList<>();
        for (Message m : Message.values()) {
            if (!code.toString().matches("(?s).*\\bMessage\\." + m.name() + "\\b.*")) {
                unused.add(m.key());
            }
        }
        assertEquals(List.of(), unused, "keys in messages.yml that no code says");
    }

    @Test
    void anUnknownKeyIsRefusedOnItsLine() throws IOException {
        String text = shipped() + "answer.greeting:\n  en: Hello\n  nl: Hallo\n";
        int line = (int) text.lines().count() - 2;
        assertEquals(
                List.of("messages.yml:" + line + ": unknown key 'answer.greeting'; the helpdesk does not use it"),
                problems(text));
    }

    @Test
    void aMissingKeyOrLanguageIsRefused() throws IOException {
        assertEquals(
                List.of("messages.yml:1: missing key 'report.sources'"),
                problems(shipped().replace("report.sources:\n  en: Sources\n  nl: Bronnen\n", "")));
        List<String> noDutch = problems(shipped().replace("  nl: Bronnen\n", ""));
        assertEquals(1, noDutch.size(), noDutch.toString());
        assertTrue(
                noDutch.get(0).contains("'report.sources' must have exactly an en and an nl text")
                        || noDutch.get(0).contains("'report.sources.nl' must be a text"),
                noDutch.toString());
        assertTrue(problems(shipped().replace("  nl: Bronnen\n", "  nl: Bronnen\n  de: Quellen\n"))
                .get(0)
                .contains("'report.sources' must have exactly an en and an nl text"));
    }

    @Test
    void placeholdersMustBeTheSameInBothLanguages() throws IOException {
        String text = shipped()
                .replace(
                        "helpt het Copyright Information Point: {office}.",
                        "helpt het Copyright Information Point: {kantoor}.");
        List<String> problems = problems(text);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(
                problems.get(0)
                        .contains("'answer.disclaimer' must use the placeholders [office] in both languages;"
                                + " en has [office], nl has [kantoor]"),
                problems.toString());
        int line = (int) shipped()
                        .substring(0, shipped().indexOf("answer.disclaimer:"))
                        .lines()
                        .count()
                + 1;
        assertTrue(problems.get(0).startsWith("messages.yml:" + line + ":"), problems + " on line " + line);
    }

    @Test
    void aKnowledgeFolderWithoutTheFileSpeaksWithTheBundledCopy(@TempDir Path folder) throws IOException {
        Messages bundled = Messages.load(folder);
        Messages shipped = Messages.load(Path.of("knowledge"));
        for (Message m : Message.values()) {
            assertEquals(shipped.of(m), bundled.of(m), m.key());
        }
        Files.writeString(folder.resolve(Messages.FILE), "report.title: [broken\n");
        MessagesException e = assertThrows(MessagesException.class, () -> Messages.load(folder));
        assertTrue(e.getMessage().startsWith(folder.getFileName() + "/messages.yml:"), e.getMessage());
    }
}
