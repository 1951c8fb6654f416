package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The one-line embed on another site: a library page served from a second local origin (127.0.0.1 on its own port,
 * while the helpdesk is localhost) opens the chat in a panel and asks in it; a third origin, not in the setting,
 * gets the frame refused by the browser (frame-ancestors).
 */
class EmbedBrowserTest extends BrowserTestBase {
    private HttpServer allowedSite;
    private HttpServer otherSite;

    @Override
    protected String startPage() {
        return "/";
    }

    @Override
    protected List<String> embedOrigins() {
        allowedSite = site();
        otherSite = site();
        return List.of("http://127.0.0.1:" + allowedSite.getAddress().getPort());
    }

    /** A library page with the helpdesk's script tag; the helpdesk's port is read when the page is requested. */
    private HttpServer site() {
        try {
            HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            site.createContext("/", exchange -> {
                byte[] page = ("<!doctype html><html lang=\"en\"><head><title>Library</title></head><body>"
                                + "<h1>Copyright at the library</h1>"
                                + "<script src=\"http://localhost:" + server.port() + "/embed.js\" defer></script>"
                                + "</body></html>")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                exchange.close();
            });
            site.start();
            return site;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void stopSites() {
        allowedSite.stop(0);
        otherSite.stop(0);
    }

    private WebElement openPanel(HttpServer site) {
        browser.get("http://127.0.0.1:" + site.getAddress().getPort() + "/");
        WebElement open = wait.until(ExpectedConditions.elementToBeClickable(By.id("cip-helpdesk-open")));
        click(open);
        assertEquals("true", open.getAttribute("aria-expanded"));
        return wait.until(d -> d.findElement(By.id("cip-helpdesk-frame")));
    }

    @Test
    void anAllowedSiteShowsTheChatInAPanelThatAnswers() {
        WebElement frame = openPanel(allowedSite);
        browser.switchTo().frame(frame);
        WebElement box = wait.until(ExpectedConditions.elementToBeClickable(By.id("question")));
        box.sendKeys("May I mine journal articles for my research?");
        browser.findElement(By.id("send")).click();
        WebElement answer = wait.until(d -> d.findElement(By.cssSelector(".message.answer")));
        assertFalse(answer.findElement(By.cssSelector(".answer-text")).getText().isBlank());
        browser.switchTo().defaultContent();
    }

    @Test
    void aSiteNotInTheSettingGetsTheFrameRefused() throws Exception {
        WebElement frame = openPanel(otherSite);
        Thread.sleep(1500); // time for the frame to load, were it allowed
        browser.switchTo().frame(frame);
        assertTrue(browser.findElements(By.id("question")).isEmpty(), "the chat must not render inside another site");
        browser.switchTo().defaultContent();
    }

    @Test
    void theHelpdeskItselfStillRefusesFramesForItsAdminPages() throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/admin.html"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertTrue(response.headers()
                .firstValue("Content-Security-Policy")
                .orElse("")
                .contains("frame-ancestors 'none'"));
        HttpResponse<Void> chat = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertTrue(chat.headers()
                .firstValue("Content-Security-Policy")
                .orElse("")
                .contains("frame-ancestors http://127.0.0.1:"
                        + allowedSite.getAddress().getPort()));
    }
}
