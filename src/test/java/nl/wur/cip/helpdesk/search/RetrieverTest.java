package nl.wur.cip.helpdesk.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.wur.cip.helpdesk.Assembly;
import nl.wur.cip.helpdesk.HelpdeskConfig;
import nl.wur.cip.helpdesk.TestHelpdesk;
import nl.wur.cip.helpdesk.knowledge.Language;
import nl.wur.cip.helpdesk.knowledge.Passage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrieverTest {
    private final Assembly helpdesk = TestHelpdesk.shared();

    private List<Passage> top(String question, Language language, int n) {
        return helpdesk.retriever().search(question, language).passages().stream()
                .limit(n)
                .map(ScoredPassage::passage)
                .toList();
    }

    @Test
    void aRetentionQuestionFindsTheRetentionPassage() {
        List<Passage> found = top("How long am I allowed to keep the data I collected?", Language.EN, 3);
        assertTrue(
                found.stream().anyMatch(p -> p.text().matches("(?is).*(retain|retained|as long as).*")),
                () -> "top 3: " + found.stream().map(Passage::id).toList());
    }

    @Test
    void aDutchQuestionFindsDutchText() {
        List<Passage> found = top(
                "Welk artikel van de Auteurswet regelt tekst- en datamining voor wetenschappelijk onderzoek?",
                Language.NL,
                3);
        assertTrue(
                found.stream().anyMatch(p -> p.language() == Language.NL),
                () -> "top 3: " + found.stream().map(Passage::id).toList());
    }

    @Test
    void fusionRanksByBothSignalsAndTheModesDiffer() {
        Retrieval fused = helpdesk.retriever().search("opt-out robots.txt reservation", Language.EN);
        assertTrue(fused.passages().size() > 3);
        for (int i = 1; i < fused.passages().size(); i++) {
            assertTrue(
                    fused.passages().get(i - 1).score()
                            >= fused.passages().get(i).score(),
                    "ranked best first");
        }
        assertTrue(fused.passages().get(0).cosine() > 0.2);
    }

    @Test
    void aRestartWithTheSameKnowledgeEmbedsNothing(@TempDir Path dir) throws Exception {
        Path law = dir.resolve("knowledge/law/dsm-art-4.md");
        Files.createDirectories(law.getParent());
        Files.writeString(law, """
                ---
                id: dsm-art-4
                title: General text and data mining exception
                reference: Directive (EU) 2019/790, Art. 4
                url: https://eur-lex.europa.eu/eli/dir/2019/790/oj
                language: en
                updated: 2026-11-25
                ---
                ## Art. 4(3)
                The general exception applies only where rightholders have not expressly reserved their works.
                """);
        var config = HelpdeskConfig.from(
                java.util.Map.of(),
                List.of("--data-dir=" + dir.resolve("data"), "--knowledge-dir=" + dir.resolve("knowledge")));
        try (Assembly first = Assembly.of(config)) {
            assertTrue(first.vectors().computed() > 0);
        }
        assertTrue(Files.size(dir.resolve("data/vectors.bin")) > 0);
        try (Assembly second = Assembly.of(config)) {
            assertEquals(0, second.vectors().computed());
            assertEquals(
                    "dsm-art-4#1",
                    second.retriever()
                            .search("opt out reserved", Language.EN)
                            .passages()
                            .get(0)
                            .passage()
                            .id());
        }
    }

    @Test
    void aQuestionOfMoreTokensThanLuceneTakesClausesIsStillSearched() {
        // Every CJK ideograph is a token of its own: 1,500 of them make a query past Lucene's 1,024 clauses.
        String question = "著作権".repeat(500) + " copyright";
        assertTrue(question.length() <= 2000);
        assertFalse(
                helpdesk.retriever().search(question, Language.EN).passages().isEmpty());
    }

    @Test
    void aQuestionOfMoreDistinctTermsThanLuceneTakesIsSearchedInEitherLanguage() {
        // 1,500 distinct ideographs and Latin words: every one a term of its own, in both language fields.
        StringBuilder question = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            question.appendCodePoint(0x4E00 + i);
        }
        for (int i = 0; i < 120; i++) {
            question.append(" w").append(i);
        }
        for (Language language : Language.values()) {
            assertFalse(helpdesk.retriever()
                    .search(question + " auteursrecht copyright", language)
                    .passages()
                    .isEmpty());
        }
    }
}
