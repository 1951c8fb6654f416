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
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The office's way from an edit to an answer, in Chromium: the insight page reloads the edited knowledge and shows
 * the switch with the question sets' result, after which the chat gives the new answer; a broken edit is refused on
 * the page with its file and line while the chat keeps giving the answers it gave.
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

    /** Clicks the reload button and waits until the page shows the result. */
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
    void anEditReloadedOnThePageIsAnsweredAndABrokenEditIsRefusedWithItsFileAndLine() throws Exception {
        openInsight();
        assertEquals("1", browser.findElement(By.id("reload")).getAttribute("data-generation"));
        assertTrue(browser.findElement(By.id("reload-serving")).getText().contains("Generation 1"));

        edit(
                "faq/faq-fair-use.md",
                "Not as such: Dutch and EU copyright law",
                "Not as such, in the office's new words: Dutch and EU copyright law");
        assertEquals("switched from 1", reloadOnThePage());
        String result = browser.findElement(By.id("reload-result")).getText();
        assertTrue(result.contains("Switched to generation 2"), result);
        assertTrue(result.matches("(?s).*Question sets: (\\d+) of \\d+ passed before, \\1 now.*"), result);
        assertEquals("2", browser.findElement(By.id("reload")).getAttribute("data-generation"));
        assertTrue(ask(FAIR_USE).path("answer").asText().contains("in the office's new words"));
        browser.executeScript("document.getElementById('reload').scrollIntoView()");
        screenshot("admin-reload-switched.png");

        edit("faq/faq-fair-use.md", "outcome: answered", "outcome: [answered");
        assertEquals("refused from 2", reloadOnThePage());
        String refused = browser.findElement(By.id("reload-result")).getText();
        assertTrue(refused.contains("generation 2 keeps answering"), refused);
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
