package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The office's way from a gap to an answer, in Chromium: a gap of ten unanswered questions drafted as a card on the
 * insight page, given its answers and reloaded there, answers those questions, with no question of the project's
 * sets failing; an edit reloaded on the page is served; a broken edit is refused on the page with its file and line
 * while the chat keeps giving the answers it gave.
 */
class KnowledgeReloadBrowserTest extends BrowserTestBase {
    private static final String FAIR_USE = "Does fair use exist in Dutch copyright law?";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private Path dataDir;
    private ReloadableKnowledge knowledge;

    @Override
    protected String startPage() {
        return "/admin";
    }

    @BeforeAll
    void serveACopyOfTheKnowledge() throws Exception {
        dataDir = Files.createTempDirectory("reload-browser");
        knowledge = ReloadableKnowledge.serve(server, database, dataDir, Clock.systemUTC());
        InsightApiTest.seedUnanswered(database, Instant.now());
    }

    @AfterAll
    void removeTheCopy() throws Exception {
        if (knowledge != null) {
            knowledge.close();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private JsonNode ask(String question) throws Exception {
        HttpResponse<String> reply = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/ask"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                JSON.writeValueAsString(Map.of("question", question))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), reply.body());
        return JSON.readTree(reply.body());
    }

    private void edit(String file, String from, String to) throws Exception {
        Path path = knowledge.folder().resolve(file);
        String text = Files.readString(path, StandardCharsets.UTF_8);
        assertTrue(text.contains(from), file + " holds " + from);
        Files.writeString(path, text.replace(from, to), StandardCharsets.UTF_8);
    }

    private void openInsight() {
        logInAsAdmin();
        click(browser.findElement(By.cssSelector("a[href='/admin-insight.html']")));
        wait.until(d -> "30".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
        wait.until(d -> d.findElement(By.id("reload")).getAttribute("data-state") != null);
    }

    private int generation() {
        return Integer.parseInt(browser.findElement(By.id("reload")).getAttribute("data-generation"));
    }

    /** Clicks the reload button and waits until the page shows the result: its state and the generation before. */
    private String reloadOnThePage() {
        String before = browser.findElement(By.id("reload")).getAttribute("data-generation");
        click(browser.findElement(By.id("reload-button")));
        new WebDriverWait(browser, Duration.ofMinutes(3)).until(d -> {
            String state = d.findElement(By.id("reload")).getAttribute("data-state");
            return !"running".equals(state)
                            && !"none".equals(state)
                            && d.findElement(By.id("reload-button")).isEnabled()
                    ? state
                    : null;
        });
        return browser.findElement(By.id("reload")).getAttribute("data-state") + " from " + before;
    }

    @Test
    void aGapDraftedOnThePageAnsweredAndReloadedAnswersItsQuestions() throws Exception {
        openInsight();
        int generation = generation();
        WebElement gap = browser.findElements(By.cssSelector("#gaps tbody tr")).stream()
                .filter(row -> row.getText().contains("font"))
                .findFirst()
                .orElseThrow();
        assertEquals("10", gap.getAttribute("data-size"));
        click(gap.findElement(By.cssSelector(".draft-save")));
        String file =
                wait.until(d -> gap.findElement(By.cssSelector(".draft-result")).getAttribute("data-file"));
        Path draft = knowledge.drafts().resolve(file);
        String markdown = Files.readString(draft, StandardCharsets.UTF_8);
        for (String question : InsightApiTest.FONT_QUESTIONS) {
            assertTrue(markdown.contains("\"" + question + "\""), "a variant: " + question);
        }

        // What the office does with the draft: the Dutch title and phrasings, both answers, then into faq/.
        String answered = markdown.replaceFirst(
                        "(?m)^title_nl: .*$", "title_nl: \"Mag ik een lettertype op mijn poster gebruiken?\"")
                .replaceFirst(
                        "(?m)^  nl: \\[].*$",
                        "  nl:\n    - \"Mag ik een gekocht lettertype op mijn poster gebruiken?\"\n"
                                + "    - \"Heb ik een licentie nodig voor een font op mijn poster?\"")
                .replaceFirst(
                        "(?s)## English\n<!--.*?-->",
                        "## English\nTypefaces on posters: the licence of the font decides, as drafted in this test.")
                .replaceFirst(
                        "(?s)## Nederlands\n<!--.*?-->",
                        "## Nederlands\nLettertypen op posters: de licentie van het font beslist, zoals in deze test.");
        Files.writeString(knowledge.folder().resolve("faq").resolve(file), answered, StandardCharsets.UTF_8);
        Files.delete(draft);

        assertEquals("switched from " + generation, reloadOnThePage());
        String result = browser.findElement(By.id("reload-result")).getText();
        assertTrue(
                result.matches("(?s).*Question sets: (\\d+) of \\d+ passed before, \\1 now.*"),
                "eval shows no regression: " + result);
        assertTrue(browser.findElements(By.cssSelector(".reload-failing")).isEmpty(), result);
        String card = "card:" + file.replace(".md", "");
        // The page draws the gaps again from the new knowledge: the font questions' closest card is now the new one.
        wait.until(d -> d.findElements(By.cssSelector("#gaps tbody tr")).stream()
                .anyMatch(row -> row.getText().contains("font") && row.getText().contains(file.replace(".md", ""))));
        // Each is answered with the new card; where an escalation rule applies (a commercial use goes to the office),
        // the answer still gives the card, beside the rule's.
        for (String question : InsightApiTest.FONT_QUESTIONS) {
            JsonNode answer = ask(question);
            String source = answer.path("source").asText();
            assertTrue(
                    source.equals(card) || source.startsWith("rules:") && source.contains(card),
                    question + " -> " + answer);
            assertTrue(answer.path("answer").asText().contains("the licence of the font decides"), answer.toString());
        }
        browser.executeScript("document.getElementById('reload').scrollIntoView()");
        screenshot("admin-reload-switched.png");
    }

    @Test
    void anEditReloadedOnThePageIsAnsweredAndABrokenEditIsRefusedWithItsFileAndLine() throws Exception {
        Path fairUse = knowledge.folder().resolve("faq/faq-fair-use.md");
        String original = Files.readString(fairUse, StandardCharsets.UTF_8);
        try {
            editAndBreak();
        } finally {
            Files.writeString(fairUse, original, StandardCharsets.UTF_8);
        }
    }

    private void editAndBreak() throws Exception {
        openInsight();
        int generation = generation();
        assertTrue(browser.findElement(By.id("reload-serving")).getText().contains("Generation " + generation));

        edit(
                "faq/faq-fair-use.md",
                "Not as such: Dutch and EU copyright law",
                "Not as such, in the office's new words: Dutch and EU copyright law");
        assertEquals("switched from " + generation, reloadOnThePage());
        String result = browser.findElement(By.id("reload-result")).getText();
        assertTrue(result.contains("Switched to generation " + (generation + 1)), result);
        assertTrue(result.matches("(?s).*Question sets: (\\d+) of \\d+ passed before, \\1 now.*"), result);
        assertEquals(generation + 1, generation());
        assertTrue(ask(FAIR_USE).path("answer").asText().contains("in the office's new words"));

        edit("faq/faq-fair-use.md", "outcome: answered", "outcome: [answered");
        assertEquals("refused from " + (generation + 1), reloadOnThePage());
        String refused = browser.findElement(By.id("reload-result")).getText();
        assertTrue(refused.contains("generation " + (generation + 1) + " keeps answering"), refused);
        assertTrue(
                browser.findElement(By.cssSelector(".reload-problems li"))
                        .getText()
                        .matches("knowledge/faq/faq-fair-use.md:\\d+: .+"),
                refused);
        JsonNode still = ask(FAIR_USE);
        assertEquals("card:faq-fair-use", still.path("source").asText(), still.toString());
        assertTrue(still.path("answer").asText().contains("in the office's new words"), "the old answers are served");
        browser.executeScript("document.getElementById('reload').scrollIntoView()");
        screenshot("admin-reload-refused.png");
    }
}
