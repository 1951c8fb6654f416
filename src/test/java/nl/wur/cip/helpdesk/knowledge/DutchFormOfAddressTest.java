package nl.wur.cip.helpdesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: one form of address in Dutch. The page, the cards and the checklist say "je"; a formal "u" or "uw" in
 * any Dutch text a researcher reads (answers, sources, checklist, page) is reported with where it is.
 */
class DutchFormOfAddressTest {
    /** "u" and "uw" as words; the court file number "5 U 104/24" is not an address. */
    private static final Pattern FORMAL = Pattern.compile("(?<!\\d )\\b([Uu]w?)\\b(?! \\d)");

    @Test
    void everyDutchTextTheResearcherReadsSaysJe() throws IOException {
        KnowledgeBase knowledge = new KnowledgeLoader().load(Path.of("knowledge"));
        List<String> formal = new ArrayList<>();
        for (KnowledgeDocument document : knowledge.documents()) {
            if (document.language() == Language.NL) {
                check(document.id() + " title", document.title(), formal);
                document.passages().forEach(p -> check(document.id() + " " + p.section(), p.text(), formal));
            }
        }
        for (AnswerCard card : knowledge.cards()) {
            check(card.id() + " answer", card.answer(Language.NL), formal);
        }
        // The checklist's Dutch texts, line by line as the file holds them (its nl: values and their folded lines).
        List<String> lines = Files.readAllLines(Path.of("knowledge", "checklist", "checklist.yml"));
        boolean dutch = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("nl:")) {
                dutch = true;
            } else if (line.startsWith("en:")
                    || line.endsWith(":")
                    || line.startsWith("- ")
                    || line.startsWith("cites:")) {
                dutch = false;
            }
            if (dutch) {
                check("checklist.yml line " + (i + 1), line, formal);
            }
        }
        String i18n = Files.readString(Path.of("web", "i18n.js"));
        String nl = i18n.substring(i18n.indexOf("\n  nl: {"));
        for (String line : nl.split("\n")) {
            check("web/i18n.js nl", line.replaceAll("^\\s*\\w+:", ""), formal);
        }
        assertTrue(formal.isEmpty(), "formal 'u' in Dutch text: " + String.join("\n", formal));
    }

    private static void check(String where, String text, List<String> formal) {
        if (text == null) {
            return;
        }
        Matcher m = FORMAL.matcher(text);
        while (m.find()) {
            int from = Math.max(0, m.start() - 30);
            formal.add(where + ": …" + text.substring(from, Math.min(text.length(), m.end() + 30)) + "…");
        }
    }
}
