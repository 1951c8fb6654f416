package nl.wur.cip.helpdesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Auteurswet Art. 15n is the research exception (DSM Art. 3) and Art. 15o the general one (DSM Art. 4). The two were
 * once swapped in about sixty files; these checks read every text the project ships and fail on either pairing.
 */
class DutchTdmArticlesTest {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final String ART = "(?:art(?:icle|ikel|\\.)?|artikel)\\s*";
    private static final String AW = "(?:auteurswet|\\baw\\b)[,.]?\\s*";
    private static final String GAP = "[^.;\\n]{0,40}?";
    private static final String RESEARCH =
            "(?:research exception|onderzoeksuitzondering|(?:tdm|text and data mining|tekst- en datamining) for scientific research|wetenschappelijk onderzoek|scientific research)";
    private static final String GENERAL =
            "(?:general (?:tdm |text and data mining )?exception|algemene (?:tdm-|tekst- en datamining)?(?:uitzondering|exceptie))";

    /** Sentences that pair an article with the wrong exception, in English and Dutch. */
    private static final List<Pattern> WRONG = List.of(
            Pattern.compile(ART + "3\\b(?![(\\d])" + GAP + AW + "(?:" + ART + ")?15o\\b", FLAGS),
            Pattern.compile(ART + "4\\b(?![(\\d])" + GAP + AW + "(?:" + ART + ")?15n\\b", FLAGS),
            Pattern.compile("\\b15o\\b[)\\s]*\\((?:dsm[- ]?(?:richtlijn|directive)?,?\\s*)?" + ART + "3\\b", FLAGS),
            Pattern.compile("\\b15n\\b[)\\s]*\\((?:dsm[- ]?(?:richtlijn|directive)?,?\\s*)?" + ART + "4\\b", FLAGS),
            Pattern.compile(RESEARCH + "[^.;\\n]{0,25}\\(\\s*(?:" + AW + ")?(?:" + ART + ")?15o\\b", FLAGS),
            Pattern.compile(GENERAL + "[^.;\\n]{0,25}\\(\\s*(?:" + AW + ")?(?:" + ART + ")?15n\\b", FLAGS),
            Pattern.compile(
                    "\\b15o\\b,?\\s+(?:voor|for)\\s+(?:tekst- en datamining voor |text and data mining for )?"
                            + RESEARCH,
                    FLAGS),
            Pattern.compile("\\b15n\\b,?\\s+(?:is\\s+)?(?:de |een |the )?" + GENERAL, FLAGS));

    @Test
    void noShippedTextPairsAnArticleWithTheWrongException() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : shippedTexts()) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (Pattern pattern : WRONG) {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    found.add(file + ": \"" + m.group() + "\"");
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void theCheckCatchesTheOldSwapInBothLanguages() {
        for (String swapped : List.of(
                "This rests on the text and data mining exception for scientific research: Article 3 of the DSM Directive (Auteurswet Art. 15o).",
                "the general exception (DSM Art. 4, Auteurswet Art. 15n) may apply",
                "Art. 15n, the general exception, matters where a use falls outside",
                "artikel 3 van de DSM-richtlijn (Auteurswet art. 15o)",
                "de onderzoeksuitzondering (art. 15o Aw) geldt",
                "Auteurswet Art. 15o (DSM Art. 3)")) {
            assertTrue(WRONG.stream().anyMatch(p -> p.matcher(swapped).find()), "not caught: " + swapped);
        }
        for (String right : List.of(
                "the research exception (DSM Directive Art. 3, Auteurswet Art. 15n)",
                "the general exception (Art. 4, Auteurswet Art. 15o), subject to opt-outs",
                "Art. 15o opens with \"Onverminderd het bepaalde in artikel 15n\"",
                "DSM art. 3, lid 2, Auteurswet art. 15n")) {
            assertFalse(WRONG.stream().anyMatch(p -> p.matcher(right).find()), "flagged: " + right);
        }
    }

    @Test
    void eachLawFileOnTheseArticlesIsTheRightException() {
        KnowledgeBase kb = new KnowledgeLoader().load(Path.of("knowledge"));
        int checked = 0;
        for (KnowledgeDocument document : kb.documents()) {
            String reference = document.reference().toLowerCase(Locale.ROOT);
            String title = document.title().toLowerCase(Locale.ROOT);
            if (reference.matches(".*\\b15n\\b.*") && !reference.contains("15o")) {
                assertTrue(
                        title.contains("research") || title.contains("onderzoek"),
                        document.id() + ": 15n must be the research exception");
                assertFalse(
                        title.matches(".*(general|algemene).*"), document.id() + ": 15n is not the general exception");
                checked++;
            }
            if (reference.matches(".*\\b15o\\b.*") && !reference.contains("15n")) {
                assertTrue(
                        title.matches(".*(general|algemene).*"), document.id() + ": 15o must be the general exception");
                checked++;
            }
        }
        assertTrue(checked >= 4, "expected the English and Dutch files of both articles, checked " + checked);
    }

    /** Everything users and the office read: the knowledge folder, the web page, the README and the Java texts. */
    private static List<Path> shippedTexts() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String root : List.of("knowledge", "web", "src/main")) {
            try (Stream<Path> walk = Files.walk(Path.of(root))) {
                walk.filter(Files::isRegularFile)
                        .filter(f -> f.toString().matches(".*\\.(md|yml|yaml|java|js|html|properties|txt)$"))
                        .forEach(files::add);
            }
        }
        files.add(Path.of("README.md"));
        return files;
    }
}
