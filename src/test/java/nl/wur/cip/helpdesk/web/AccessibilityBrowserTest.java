package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import nl.wur.cip.helpdesk.TestHelpdesk;
import nl.wur.cip.helpdesk.checklist.AssessmentStore;
import nl.wur.cip.helpdesk.checklist.ChecklistService;
import nl.wur.cip.helpdesk.knowledge.Language;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * axe-core (from npm, run inside the page) on every page in both languages, 1280 and 360 px wide, light and dark:
 * no WCAG 2.0/2.1 A or AA violation, in the states a researcher or the office sees (an answer with an open source,
 * a checklist verdict, a report, the admin inbox with an open escalation, the insight page).
 */
class AccessibilityBrowserTest extends BrowserTestBase {
    private static final Path AXE = Path.of("target", "npm", "node_modules", "axe-core", "axe.min.js");
    private static final String RUN_AXE = """
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
              .then((result) => done(JSON.stringify(result.violations.map((v) => ({
                id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + (n.failureSummary || '')) })))))
              .catch((error) => done(JSON.stringify([{ id: 'axe-error', help: String(error), nodes: [] }])));
            """;

    private final ObjectMapper json = new ObjectMapper();
    private String axe;

    @Override
    protected String startPage() {
        return "/";
    }

    static Stream<Arguments> views() {
        List<Arguments> views = new ArrayList<>();
        for (String language : List.of("en", "nl")) {
            for (int width : List.of(1280, 360)) {
                for (String scheme : List.of("light", "dark")) {
                    views.add(Arguments.of(language, width, scheme));
                }
            }
        }
        return views.stream();
    }

    @ParameterizedTest(name = "{0}, {1} px, {2}")
    @MethodSource("views")
    void everyPageMeetsWcag21AA(String language, int width, String scheme) throws Exception {
        browser.manage().window().setSize(new Dimension(width, 900));
        browser.executeCdpCommand(
                "Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
        browser.executeScript("localStorage.setItem('cip-helpdesk-language', arguments[0])", language);
        List<String> violations = new ArrayList<>();

        browser.get(url("/"));
        // The colours really are the scheme's: the dark page background, or the light one (once the style sheet is
        // applied: on a busy machine the first read can come before it, with the transparent default).
        String background = scheme.equals("dark") ? "rgb(18, 23, 20)" : "rgb(244, 246, 244)";
        wait.until(d ->
                background.equals(browser.executeScript("return getComputedStyle(document.body).backgroundColor")));
        WebElement answer = askAndWait("May I train an AI model on journal articles from the WUR Library?");
        click(answer.findElement(By.cssSelector(".snippet-toggle")));
        violations.addAll(check("chat with an answer"));

        browser.get(url("/checklist.html"));
        walkTheChecklistToAVerdict();
        violations.addAll(check("checklist verdict"));

        browser.get(url("/report.html?id=" + storedAssessment(language)));
        wait.until(d -> !d.findElement(By.id("report-verdict")).getText().isBlank());
        violations.addAll(check("report"));

        browser.get(url("/optout.html"));
        wait.until(d -> d.findElement(By.id("url")).isDisplayed());
        violations.addAll(check("opt-out check"));

        browser.get(url("/admin"));
        wait.until(d -> d.findElement(By.id("password")).isDisplayed());
        violations.addAll(check("admin login"));
        String ticket = escalation();
        browser.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
        click(browser.findElement(By.cssSelector("#login-form button[type=submit]")));
        WebElement open = wait.until(d -> d.findElements(By.cssSelector("#escalations .link-button")).stream()
                .filter(b -> b.getText().equals(ticket))
                .findFirst()
                .orElse(null));
        click(open);
        wait.until(d -> d.findElement(By.id("detail-title")).getText().contains(ticket));
        violations.addAll(check("admin inbox with an escalation open"));

        browser.get(url("/admin-insight.html"));
        wait.until(d -> "30".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
        violations.addAll(check("insight page"));

        assertEquals(
                language,
                browser.findElement(By.tagName("html")).getAttribute("lang"),
                "the page follows the language");
        assertEquals(List.of(), violations);
    }

    private String url(String path) {
        return "http://localhost:" + server.port() + path;
    }

    /** The violations axe finds on the page as it is now, one line per rule with the elements it failed on. */
    private List<String> check(String page) throws Exception {
        if (axe == null) {
            boolean present = Files.isRegularFile(AXE);
            if (!present && System.getenv("CI") != null) {
                throw new IllegalStateException("axe-core is missing: `mvn verify` installs it with npm (see pom.xml)");
            }
            Assumptions.assumeTrue(
                    present, "axe-core is not installed (run the tests through Maven, which fetches it)");
            axe = Files.readString(AXE);
        }
        browser.executeScript(axe);
        String result = (String) browser.executeAsyncScript(RUN_AXE);
        List<String> found = new ArrayList<>();
        for (JsonNode violation : json.readTree(result)) {
            found.add(page + ": " + violation.get("id").asText() + " ("
                    + violation.get("help").asText() + ") " + violation.get("nodes"));
        }
        return found;
    }

    private WebElement askAndWait(String question) {
        WebElement box = wait.until(d -> d.findElement(By.id("question")));
        box.sendKeys(question);
        browser.findElement(By.id("send")).click();
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".message.answer")));
    }

    /** Takes the first option of every question, as a person clicking through would, until the verdict shows. */
    private void walkTheChecklistToAVerdict() {
        for (int step = 0; step < 30; step++) {
            WebElement verdict = browser.findElement(By.id("verdict"));
            if (verdict.isDisplayed()) {
                return;
            }
            String question = wait.until(d -> {
                String text = d.findElement(By.id("question-text")).getText();
                return text.isBlank() ? null : text;
            });
            click(wait.until(d -> d.findElements(By.cssSelector("#options input")).stream()
                    .findFirst()
                    .orElse(null)));
            click(browser.findElement(By.id("next")));
            wait.until(d -> d.findElement(By.id("verdict")).isDisplayed()
                    || !d.findElement(By.id("question-text")).getText().equals(question));
        }
        assertTrue(browser.findElement(By.id("verdict")).isDisplayed(), "the checklist reaches a verdict");
    }

    /** A complete assessment stored through the real service, for the report page. */
    private String storedAssessment(String language) {
        ChecklistService checklist = new ChecklistService(
                TestHelpdesk.shared().checklist().orElseThrow(),
                new AssessmentStore(database),
                TestHelpdesk.shared().knowledge(),
                Clock.systemUTC());
        Language lang = Language.fromCode(language).orElseThrow();
        Map<String, String> answers = new LinkedHashMap<>();
        ChecklistService.Result result = checklist.assess(answers, lang);
        while (!result.complete()) {
            answers.put(result.next().id(), result.next().options().get(0).id());
            result = checklist.assess(answers, lang);
        }
        return result.assessmentId();
    }

    private String escalation() throws Exception {
        HttpResponse<String> submitted = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url("/api/escalations")))
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"email\":\"lin@example.org\",\"name\":\"Lin\","
                                                + "\"question\":\"May I publish my trained model?\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(202, submitted.statusCode());
        return json.readTree(submitted.body()).get("ticket").asText();
    }
}
