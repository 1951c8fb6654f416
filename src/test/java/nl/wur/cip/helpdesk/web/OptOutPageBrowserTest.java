package nl.wur.cip.helpdesk.web;

import nl.wur.cip.helpdesk.TestHelpdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import nl.wur.cip.helpdesk.checklist.AssessmentStore;
import nl.wur.cip.helpdesk.checklist.ChecklistEngine;
import nl.wur.cip.helpdesk.checklist.ChecklistLoader;
import nl.wur.cip.helpdesk.checklist.ChecklistService;
import nl.wur.cip.helpdesk.knowledge.KnowledgeBase;
import nl.wur.cip.helpdesk.knowledge.KnowledgeLoader;
import nl.wur.cip.helpdesk.optout.OptOutChecker;
import nl.wur.cip.helpdesk.optout.OptOutConfig;
import nl.wur.cip.helpdesk.storage.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The opt-out page in headless Chromium against a local site whose meta tag carries markup: the verdict, the
 * signals and the sources show, and the hostile evidence shows as text. Also: the checklist links to the page.
 * Builds the knowledge and checklist without the embedding model, so it stays light.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OptOutPageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String HOSTILE = "<img src=x onerror=\"document.title='pwned'\">";

    private Database database;
    private HelpdeskServer server;
    private HttpServer site;
    private OptOutChecker checker;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private Path profile;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed");
        KnowledgeBase knowledge = new KnowledgeLoader().load(Path.of("knowledge"));
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange -> {
            byte[] body = ("<html><head><meta name=\"tdm-reservation\" content=\"1\" data-x='" + HOSTILE + "'></head></html>")
                    .getBytes(StandardCharsets.UTF_8);
            int status = exchange.getRequestURI().getPath().equals("/page") ? 200 : 404;
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        site.start();
        database = Database.open("jdbc:h2:mem:optout-browser;DB_CLOSE_DELAY=-1", "sa", "");
        server = new HelpdeskServer(Path.of("web"), TestHelpdesk.services(database), Clock.systemUTC()).start(0);
        checker = OptOutChecker.create(OptOutConfig.defaults().withAllowPrivateAddresses(true), Path.of("knowledge"),
                knowledge, Clock.systemUTC());
        server.optOutReady(checker);
        Set<String> ids = knowledge.documents().stream().map(d -> d.id()).collect(Collectors.toSet());
        ChecklistEngine engine = new ChecklistEngine(new ChecklistLoader().load(Path.of("knowledge", "checklist", "checklist.yml"), ids));
        server.checklistReady(new ChecklistService(engine, new AssessmentStore(database), knowledge, Clock.systemUTC()));

        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--lang=en-GB", "--window-size=1280,900", "--user-data-dir=" + profile);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort().build(), options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
            checker.close();
            site.stop(0);
            database.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theCheckShowsVerdictSignalsAndSourcesWithEvidenceAsText() {
        browser.get("http://localhost:" + server.port() + "/optout.html");
        browser.findElement(By.id("url")).sendKeys("http://127.0.0.1:" + site.getAddress().getPort() + "/page");
        browser.findElement(By.id("check")).click();
        WebElement result = wait.until(d -> d.findElement(By.id("result")).isDisplayed() ? d.findElement(By.id("result")) : null);
        assertEquals("reserved", result.getAttribute("data-verdict"));
        assertTrue(browser.findElement(By.id("result-summary")).getText().contains("Art. 15o"));
        List<WebElement> evidence = browser.findElements(By.cssSelector("#signals .signal-evidence"));
        assertEquals(1, evidence.size());
        assertTrue(evidence.get(0).getText().contains("<img src=x"), "markup from the site shows as text");
        assertTrue(browser.findElements(By.cssSelector("#signals img")).isEmpty(), "and never becomes an element");
        assertFalse(browser.getTitle().contains("pwned"));
        assertTrue(browser.findElements(By.cssSelector("#sources li")).size() >= 4);

        browser.findElement(By.id("lang-toggle")).click();
        wait.until(d -> d.findElement(By.id("result-summary")).getText().contains("art. 15o"));
        assertEquals("Controleren", browser.findElement(By.id("check")).getText());
    }

    @Test
    void aRefusedAddressShowsTheServersMessage() {
        browser.get("http://localhost:" + server.port() + "/optout.html");
        browser.findElement(By.id("url")).sendKeys("ftp://example.org/");
        browser.findElement(By.id("check")).click();
        wait.until(d -> !d.findElement(By.id("status")).getText().isBlank()
                && !d.findElement(By.id("status")).getText().contains("…"));
        assertTrue(browser.findElement(By.id("status")).getText().contains("only http:// and https://"));
    }

    @Test
    void theChecklistsOptOutQuestionLinksToTheCheck() {
        browser.get("http://localhost:" + server.port() + "/checklist.html");
        for (int step = 0; step < 30; step++) {
            wait.until(d -> !d.findElement(By.id("question-text")).getText().isBlank()
                    || d.findElement(By.id("verdict")).isDisplayed());
            if (browser.findElement(By.id("tool-link")).isDisplayed() || browser.findElement(By.id("verdict")).isDisplayed()) {
                break;
            }
            String question = browser.findElement(By.id("question-text")).getText();
            List<WebElement> commercial = browser.findElements(By.cssSelector("input[value=commercial]"));
            WebElement option = commercial.isEmpty()
                    ? browser.findElements(By.cssSelector("input[type=radio][name=option]")).get(0) : commercial.get(0);
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].click()", option);
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].click()", browser.findElement(By.id("next")));
            wait.until(d -> d.findElement(By.id("verdict")).isDisplayed()
                    || !d.findElement(By.id("question-text")).getText().equals(question));
        }
        WebElement link = browser.findElement(By.cssSelector("#tool-link a"));
        assertTrue(link.isDisplayed(), "the opt-out question shows the link");
        assertTrue(link.getAttribute("href").endsWith("/optout.html"));
        assertTrue(link.getText().contains("robots.txt"));
    }
}
