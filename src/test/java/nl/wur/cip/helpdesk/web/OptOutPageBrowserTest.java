package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import nl.wur.cip.helpdesk.HelpdeskConfig;
import nl.wur.cip.helpdesk.TestHelpdesk;
import nl.wur.cip.helpdesk.optout.OptOutChecker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The opt-out page in headless Chromium against a local site whose meta tag carries markup: the verdict, the
 * signals and the sources show, and the hostile evidence shows as text. Also: the checklist links to the page.
 */
class OptOutPageBrowserTest extends BrowserTestBase {
    private static final String HOSTILE = "<img src=x onerror=\"document.title='pwned'\">";

    private HttpServer site;
    private OptOutChecker checker;

    @Override
    protected String startPage() {
        return "/optout.html";
    }

    /** Runs after the base class has started the helpdesk: a local site to check, and the checker allowed to reach it. */
    @BeforeAll
    void startSite() throws Exception {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange -> {
            byte[] body = ("<html><head><meta name=\"tdm-reservation\" content=\"1\" data-x='" + HOSTILE
                            + "'></head></html>")
                    .getBytes(StandardCharsets.UTF_8);
            int status = exchange.getRequestURI().getPath().equals("/page") ? 200 : 404;
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        site.start();
        checker = OptOutChecker.create(
                HelpdeskConfig.defaults().optOut().withAllowPrivateAddresses(true),
                Path.of("knowledge"),
                TestHelpdesk.shared().knowledge(),
                Clock.systemUTC());
        server.optOutReady(checker);
    }

    @AfterAll
    void stopSite() {
        if (site != null) {
            checker.close();
            site.stop(0);
        }
    }

    @Test
    void theCheckShowsVerdictSignalsAndSourcesWithEvidenceAsText() {
        browser.get("http://localhost:" + server.port() + "/optout.html");
        browser.findElement(By.id("url"))
                .sendKeys("http://127.0.0.1:" + site.getAddress().getPort() + "/page");
        browser.findElement(By.id("check")).click();
        WebElement result =
                wait.until(d -> d.findElement(By.id("result")).isDisplayed() ? d.findElement(By.id("result")) : null);
        assertEquals("reserved", result.getAttribute("data-verdict"));
        assertTrue(browser.findElement(By.id("result-summary")).getText().contains("Art. 15n"));
        List<WebElement> evidence = browser.findElements(By.cssSelector("#signals .signal-evidence"));
        assertEquals(1, evidence.size());
        assertTrue(evidence.get(0).getText().contains("<img src=x"), "markup from the site shows as text");
        assertTrue(browser.findElements(By.cssSelector("#signals img")).isEmpty(), "and never becomes an element");
        assertFalse(browser.getTitle().contains("pwned"));
        assertTrue(browser.findElements(By.cssSelector("#sources li")).size() >= 4);
        String checked = browser.findElement(By.id("result-checked")).getText();
        assertTrue(checked.matches("Checked on \\d{1,2} \\p{L}+ \\d{4}.*"), "a date for people, not ISO: " + checked);

        browser.findElement(By.id("lang-toggle")).click();
        wait.until(d -> d.findElement(By.id("result-summary")).getText().contains("art. 15n"));
        assertEquals("Controleren", browser.findElement(By.id("check")).getText());
    }

    @Test
    void aBareHostIsCheckedAsHttps() {
        browser.get("http://localhost:" + server.port() + "/optout.html");
        browser.findElement(By.id("url"))
                .sendKeys("127.0.0.1:" + site.getAddress().getPort() + "/page");
        browser.findElement(By.id("check")).click();
        wait.until(d -> d.findElement(By.id("result")).isDisplayed());
        assertEquals(
                "https://127.0.0.1:" + site.getAddress().getPort() + "/page",
                browser.findElement(By.id("url")).getAttribute("value"));
        // The test site speaks plain http only, so the https check cannot reach it, and says so.
        assertEquals("unreachable", browser.findElement(By.id("result")).getAttribute("data-verdict"));
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
            if (browser.findElement(By.id("tool-link")).isDisplayed()
                    || browser.findElement(By.id("verdict")).isDisplayed()) {
                break;
            }
            String question = browser.findElement(By.id("question-text")).getText();
            List<WebElement> commercial = browser.findElements(By.cssSelector("input[value=commercial]"));
            WebElement option = commercial.isEmpty()
                    ? browser.findElements(By.cssSelector("input[type=radio][name=option]"))
                            .get(0)
                    : commercial.get(0);
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].click()", option);
            ((org.openqa.selenium.JavascriptExecutor) browser)
                    .executeScript("arguments[0].click()", browser.findElement(By.id("next")));
            wait.until(d -> d.findElement(By.id("verdict")).isDisplayed()
                    || !d.findElement(By.id("question-text")).getText().equals(question));
        }
        WebElement link = browser.findElement(By.cssSelector("#tool-link a"));
        assertTrue(link.isDisplayed(), "the opt-out question shows the link");
        assertTrue(link.getAttribute("href").endsWith("/optout.html"));
        assertTrue(link.getText().contains("robots.txt"));
    }
}
