package nl.wur.cip.helpdesk.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import nl.wur.cip.helpdesk.knowledge.AnswerCard;
import nl.wur.cip.helpdesk.knowledge.KnowledgeBase;
import nl.wur.cip.helpdesk.knowledge.KnowledgeLoader;
import nl.wur.cip.helpdesk.knowledge.Language;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gap drafted as a card: refused by the loader while its answers are empty, and once the office writes them a card
 * that holds exactly the gap's questions, however a researcher typed them.
 */
class CardDraftTest {
    private static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");
    private static final String CLOSEST = "faq-retention";

    /** Written as researchers type: quotes, a colon, '#', a backslash, YAML's words for true and null, a dash. */
    private static final List<ContentGaps.Example> QUESTIONS = List.of(
            example("Can I keep the \"raw\" corpus: forever? # asking for my PhD", "en"),
            example("yes", "en"),
            example("Mag ik de data bewaren na mijn promotie?", "nl"),
            example("can i keep the  \"RAW\" corpus: forever?   # asking for my PhD", "en"), // the first, again
            example("- null: C:\\data\\corpus & *alias !tag {x} [y] | > % @ `", "en"),
            example("Hoe lang mag ik 'mijn' corpus houden #vraag", "nl"),
            example("Mag ik de data bewaren na mijn promotie?", "nl"));

    @TempDir
    Path root;

    private KnowledgeBase shipped;

    private static ContentGaps.Example example(String question, String language) {
        return new ContentGaps.Example(question, language, NOW.minusSeconds(60), 0.2);
    }

    private static ContentGaps.Gap gap(List<ContentGaps.Example> questions) {
        return new ContentGaps.Gap(
                "gap-0123456789ab",
                questions.size(),
                questions.size(),
                0,
                Map.of(),
                questions.stream().filter(e -> e.question().startsWith("Hoe")).toList(),
                Optional.of(new ContentGaps.ClosestCard(CLOSEST, "t", "t", 0.6)),
                questions);
    }

    /** A knowledge folder with the shipped law and guidance and the closest card, and a faq folder for the draft. */
    @BeforeEach
    void knowledgeFolder() throws IOException {
        for (String folder : List.of("law", "guidance")) {
            Path from = Path.of("knowledge", folder);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path to = root.resolve(folder).resolve(from.relativize(file).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(file, to);
                }
            }
        }
        Files.createDirectories(root.resolve("faq"));
        Files.copy(Path.of("knowledge/faq/" + CLOSEST + ".md"), root.resolve("faq/" + CLOSEST + ".md"));
        shipped = new KnowledgeLoader().load(Path.of("knowledge"));
    }

    private CardDrafts drafts(Path folder) {
        return new CardDrafts(folder, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aDraftIsRefusedUntilItsAnswersAreWrittenAndThenLoadsWithTheGapsQuestions() throws IOException {
        String markdown = drafts(root.resolve("drafts")).markdown(gap(QUESTIONS), shipped::card);
        Path card = root.resolve("faq/faq-draft-0123456789ab.md");
        Files.writeString(card, markdown);

        KnowledgeBase asDrafted = new KnowledgeLoader().load(root);
        assertTrue(asDrafted.card("faq-draft-0123456789ab").isEmpty(), "a draft with empty answers is never served");
        assertTrue(
                asDrafted.problems().stream()
                        .anyMatch(p -> p.path().endsWith("faq-draft-0123456789ab.md")
                                && p.message().contains("missing answer section")),
                asDrafted.problems().toString());

        String answered = markdown.replaceFirst(
                        "(## English\n)<!--[^\n]*-->", "$1Only as long as the research needs it.")
                .replaceFirst("(## Nederlands\n)<!--[^\n]*-->", "$1Zolang het onderzoek het nodig heeft.");
        Files.writeString(card, answered);
        KnowledgeBase loaded = new KnowledgeLoader().load(root);
        AnswerCard drafted =
                loaded.card("faq-draft-0123456789ab").orElseThrow(() -> new AssertionError(loaded.problems()));
        assertEquals(
                List.of(
                        "Can I keep the \"raw\" corpus: forever? # asking for my PhD",
                        "yes",
                        "- null: C:\\data\\corpus & *alias !tag {x} [y] | > % @ `"),
                drafted.questions().get(Language.EN));
        assertEquals(
                List.of("Mag ik de data bewaren na mijn promotie?", "Hoe lang mag ik 'mijn' corpus houden #vraag"),
                drafted.questions().get(Language.NL));
        AnswerCard closest = shipped.card(CLOSEST).orElseThrow();
        assertEquals(closest.cites(), drafted.cites(), "the closest card's sources are proposed");
        assertEquals(List.of(CLOSEST), drafted.related());
        assertEquals("Can I keep the \"raw\" corpus: forever? # asking for my PhD", drafted.title(Language.EN));
        assertEquals(
                "Hoe lang mag ik 'mijn' corpus houden #vraag",
                drafted.title(Language.NL),
                "the gap's most typical question in Dutch; in English, with no typical one, its first");
        assertEquals("Only as long as the research needs it.", drafted.answer(Language.EN));
        assertTrue(markdown.contains("\nid: faq-draft-0123456789ab\n"), markdown);
        assertTrue(markdown.contains("\nupdated: 2026-12-03\n"), markdown);
        assertTrue(markdown.contains("\noutcome: answered\n"), markdown);
    }

    @Test
    void aGapInOneLanguageDraftsACardThatSaysWhatIsMissingAndIsRefusedEvenWithAnswers() throws IOException {
        List<ContentGaps.Example> english =
                QUESTIONS.stream().filter(e -> e.language().equals("en")).toList();
        String markdown = drafts(root.resolve("drafts")).markdown(gap(english), shipped::card);
        assertTrue(markdown.contains("title_nl: \"\"  # TODO"), markdown);
        assertTrue(markdown.contains("  nl: []  # TODO"), markdown);
        Files.writeString(
                root.resolve("faq/faq-draft-0123456789ab.md"), markdown.replaceAll("<!--[^\n]*-->", "An answer."));
        KnowledgeBase loaded = new KnowledgeLoader().load(root);
        assertTrue(loaded.card("faq-draft-0123456789ab").isEmpty());
        assertTrue(
                loaded.problems().stream().anyMatch(p -> p.message().contains("title_nl")),
                loaded.problems().toString());
    }

    @Test
    void savingWritesANewFileAndNeverReplacesADraftAlreadyThere() throws Exception {
        Path folder = root.resolve("drafts");
        CardDrafts drafts = drafts(folder);
        CardDrafts.Saved saved = drafts.save(gap(QUESTIONS), shipped::card);
        assertEquals("faq-draft-0123456789ab.md", saved.file());
        assertEquals("faq-draft-0123456789ab", saved.id());
        assertEquals(saved.markdown(), Files.readString(folder.resolve(saved.file())));

        Files.writeString(folder.resolve(saved.file()), "the office's half-written answer");
        CardDrafts.AlreadyThere refused =
                assertThrows(CardDrafts.AlreadyThere.class, () -> drafts.save(gap(QUESTIONS), shipped::card));
        assertEquals(saved.file(), refused.file());
        assertEquals("the office's half-written answer", Files.readString(folder.resolve(saved.file())));
    }

    @Test
    void yamlStringsEscapeWhatWouldEndOrBendTheScalar() {
        assertEquals("\"a \\\"b\\\": c # d \\\\ e\"", CardDraft.yamlString("a \"b\": c # d \\ e"));
        assertEquals("\"x\\ny\\t\\u0007\\u2028\"", CardDraft.yamlString("x\ny\t\u0007\u2028"));
        assertEquals("faq-draft-0123456789ab", CardDraft.cardId("gap-0123456789ab"));
    }
}
