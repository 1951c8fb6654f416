package nl.wur.cip.helpdesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeLoaderTest {
    @TempDir
    Path root;

    private static final String LAW = """
            ---
            id: dsm-art-3
            title: Text and data mining for scientific research
            reference: Directive (EU) 2019/790, Art. 3
            url: https://eur-lex.europa.eu/eli/dir/2019/790/oj
            language: en
            updated: 2026-11-25
            ---
            Intro text before any heading, long enough to count.

            ## Art. 3(2): storage
            > Directive (EU) 2019/790, Art. 3(2)

            Copies must be stored with an appropriate level of **security**.
            """;

    private static final String CARD = """
            ---
            id: faq-retention
            title: How long may I keep a dataset?
            title_nl: Hoe lang mag ik een dataset bewaren?
            outcome: answered
            cites: [dsm-art-3]
            related: [faq-missing]
            updated: 2026-11-25
            questions:
              en:
                - How long can I keep my data?
                - Can I keep my corpus forever?
              nl:
                - Hoe lang mag ik mijn data bewaren?
                - Mag ik mijn corpus altijd houden?
            ---
            ## English
            Only as long as you need it.

            ## Nederlands
            Alleen zolang je het nodig hebt.
            """;

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void splitsDocumentsIntoPassagesWithSectionReferences() throws IOException {
        write("law/dsm-art-3.md", LAW);
        KnowledgeBase kb = new KnowledgeLoader().load(root);
        KnowledgeDocument doc = kb.document("dsm-art-3").orElseThrow();
        assertEquals(2, doc.passages().size());
        Passage intro = doc.passages().get(0);
        assertEquals("", intro.section());
        assertEquals("Directive (EU) 2019/790, Art. 3", intro.reference());
        Passage storage = doc.passages().get(1);
        assertEquals("dsm-art-3#2", storage.id());
        assertEquals("Art. 3(2): storage", storage.section());
        assertEquals("Directive (EU) 2019/790, Art. 3(2)", storage.reference());
        assertEquals("Copies must be stored with an appropriate level of security.", storage.text());
        assertEquals(Language.EN, storage.language());
    }

    @Test
    void readsAnswerCardsInBothLanguagesAndDropsUnknownRelatedCards() throws IOException {
        write("law/dsm-art-3.md", LAW);
        write("faq/faq-retention.md", CARD);
        KnowledgeBase kb = new KnowledgeLoader().load(root);
        AnswerCard card = kb.card("faq-retention").orElseThrow();
        assertEquals("Only as long as you need it.", card.answer(Language.EN));
        assertEquals("Alleen zolang je het nodig hebt.", card.answer(Language.NL));
        assertEquals(2, card.questions().get(Language.NL).size());
        assertTrue(card.related().isEmpty());
        assertTrue(kb.problems().stream().anyMatch(p -> p.message().contains("faq-missing")));
    }

    @Test
    void aKeyWrittenTwiceIsReportedAtItsLineInEveryKindOfFile() throws IOException {
        write("law/dsm-art-3.md", LAW);
        // YAML would silently keep the second 'cites', and the card would cite something else than the office wrote.
        write("faq/faq-retention.md", CARD.replace("cites: [dsm-art-3]\n", "cites: [dsm-art-3]\ncites: [dsm-art-4]\n"));
        write("intents/office.yml", "id: office\noutcome: escalate\noutcome: off_topic\n");
        KnowledgeBase kb = new KnowledgeLoader().load(root);
        assertTrue(kb.cards().isEmpty(), "the card is skipped, not half-read");
        LoadProblem card = kb.problems().stream()
                .filter(p -> p.path().endsWith("faq-retention.md"))
                .findFirst()
                .orElseThrow();
        assertEquals(7, card.line(), card.toString());
        assertTrue(card.message().contains("Duplicate field 'cites'"), card.message());
        LoadProblem intent = kb.problems().stream()
                .filter(p -> p.path().endsWith("office.yml"))
                .findFirst()
                .orElseThrow();
        assertEquals(3, intent.line(), intent.toString());
        assertTrue(intent.message().contains("Duplicate field 'outcome'"), intent.message());
    }

    @Test
    void reportsMalformedFrontMatterWithPathAndLineAndKeepsTheRest() throws IOException {
        write("law/dsm-art-3.md", LAW);
        write("law/broken.md", "---\nid: broken\ntitle: [unclosed\n---\ntext\n");
        KnowledgeBase kb = new KnowledgeLoader().load(root);
        assertEquals(1, kb.documents().size());
        LoadProblem problem = kb.problems().stream()
                .filter(p -> p.path().endsWith("broken.md"))
                .findFirst()
                .orElseThrow();
        assertTrue(problem.line() >= 2, "line " + problem.line());
        assertTrue(problem.message().startsWith("invalid YAML"), problem.message());
    }

    @Test
    void reportsMissingFieldsMissingFrontMatterAndDuplicateIds() throws IOException {
        write("law/dsm-art-3.md", LAW);
        write("law/zz-copy.md", LAW);
        write("law/no-front-matter.md", "Just text\n");
        write(
                "guidance/no-url.md",
                LAW.replace("url: https://eur-lex.europa.eu/eli/dir/2019/790/oj\n", "")
                        .replace("dsm-art-3", "other"));
        KnowledgeBase kb = new KnowledgeLoader().load(root);
        assertEquals(1, kb.documents().size());
        assertTrue(kb.problems().stream()
                .anyMatch(p -> p.path().endsWith("zz-copy.md") && p.message().contains("duplicate id")));
        assertTrue(kb.problems().stream().anyMatch(p -> p.path().endsWith("no-front-matter.md") && p.line() == 1));
        assertTrue(kb.problems().stream()
                .anyMatch(p -> p.path().endsWith("no-url.md") && p.message().contains("'url'")));
    }

    @Test
    void skipsCardsThatCiteUnknownSourcesOrLackALanguage() throws IOException {
        write("law/dsm-art-3.md", LAW);
        write(
                "faq/faq-bad-cite.md",
                CARD.replace("faq-retention", "faq-bad-cite").replace("[dsm-art-3]", "[dsm-art-99]"));
        write(
                "faq/faq-no-dutch.md",
                CARD.replace("faq-retention", "faq-no-dutch")
                        .replace("## Nederlands\nAlleen zolang je het nodig hebt.\n", ""));
        KnowledgeBase kb = new KnowledgeLoader().load(root);
        assertTrue(kb.cards().isEmpty());
        assertTrue(kb.problems().stream().anyMatch(p -> p.message().contains("dsm-art-99")));
        assertTrue(kb.problems().stream().anyMatch(p -> p.message().contains("Nederlands")));
    }

    @Test
    void aCardWhoseAnswersAreOnlyCommentsOrEmptyIsRefusedAndAnAnswerKeepsNoComment() throws IOException {
        write("law/dsm-art-3.md", LAW);
        write(
                "faq/faq-draft-comments.md",
                CARD.replace("faq-retention", "faq-draft-comments")
                        .replace("Only as long as you need it.", "<!-- TODO: the answer in English -->")
                        .replace("Alleen zolang je het nodig hebt.", "<!--\nTODO: het antwoord\n-->"));
        write(
                "faq/faq-draft-empty.md",
                CARD.replace("faq-retention", "faq-draft-empty")
                        .replace("Only as long as you need it.", "")
                        .replace("Alleen zolang je het nodig hebt.", ""));
        write(
                "faq/faq-noted.md",
                CARD.replace("faq-retention", "faq-noted")
                        .replace(
                                "Only as long as you need it.",
                                "<!-- checked 2026-12 -->Only as long as you need it."));
        KnowledgeBase kb = new KnowledgeLoader().load(root);
        assertEquals(1, kb.cards().size(), kb.problems().toString());
        assertEquals("Only as long as you need it.", kb.cards().get(0).answer(Language.EN));
        for (String draft : new String[] {"faq-draft-comments.md", "faq-draft-empty.md"}) {
            assertTrue(
                    kb.problems().stream()
                            .anyMatch(
                                    p -> p.path().endsWith(draft) && p.message().contains("missing answer section")),
                    draft + ": " + kb.problems());
        }
    }

    @Test
    void loadsRulesAndReportsABadPattern() throws IOException {
        write("rules/scope.yml", """
                on_topic: [copyright]
                escalate:
                  - id: patent
                    patterns: [patent]
                    reason: {en: Patents are not copyright., nl: Octrooien zijn geen auteursrecht.}
                off_topic_answer: {en: Only copyright., nl: Alleen auteursrecht.}
                not_settled_answer: {en: Not settled., nl: Niet beslist.}
                not_settled_reason: {en: Unsettled., nl: Onbeslist.}
                """);
        write("rules/terms.yml", "dutch_to_english:\n  auteursrecht: [copyright]\n");
        Rules rules = new KnowledgeLoader().load(root).rules();
        assertTrue(rules.isOnTopic("Is this a COPYRIGHT question?"));
        assertFalse(rules.isOnTopic("What is the weather?"));
        assertTrue(rules.escalationTopics().get(0).matches("Can I get a patent?"));
        assertEquals("copyright", rules.dutchToEnglish().get("auteursrecht").get(0));

        write("rules/scope.yml", "on_topic: ['(unclosed']\n");
        KnowledgeBase broken = new KnowledgeLoader().load(root);
        assertTrue(broken.problems().stream().anyMatch(p -> p.message().contains("bad pattern")));
    }
}
