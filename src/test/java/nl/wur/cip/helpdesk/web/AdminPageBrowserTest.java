package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** The admin inbox page in Chromium: log in, open an escalation, mark it handled. */
class AdminPageBrowserTest extends BrowserTestBase {
    @Override
    protected String startPage() {
        return "/admin";
    }

    private String escalation(String name) throws Exception {
        HttpResponse<String> submitted = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/escalations"))
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"lin@example.org\",\"name\":\""
                                        + name + "\"," + "\"question\":\"May I publish my trained model?\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(202, submitted.statusCode());
        return submitted.body().replaceAll(".*\"ticket\":\"([^\"]+)\".*", "$1");
    }

    private Object script(String code, Object... args) {
        return browser.executeScript(code, args);
    }

    @Test
    void inDutchTheInboxIsDutchAndOnANarrowScreenEachEscalationIsACardWithItsColumnNames() throws Exception {
        String ticket = escalation("Lin");
        click(browser.findElement(By.id("lang-toggle")));
        logInAsAdmin();
        WebElement row = wait.until(d -> d.findElements(By.cssSelector("#escalations tbody tr")).stream()
                .filter(r -> r.getText().contains(ticket))
                .findFirst()
                .orElse(null));
        assertEquals("nl", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals(
                "Doorverwijzingen",
                browser.findElement(By.id("escalations-title")).getText());
        assertTrue(row.getText().contains("in de wachtrij") || row.getText().contains("verstuurd"), row.getText());
        assertEquals("Ontvangen", row.findElements(By.tagName("td")).get(1).getAttribute("data-label"));

        // At 1280 px no column name breaks inside a word: each header is one line.
        for (WebElement th : browser.findElements(By.cssSelector("#admin th"))) {
            if (th.isDisplayed()) {
                assertTrue(
                        (Long) script(
                                        "const s = getComputedStyle(arguments[0]); return arguments[0].clientHeight"
                                                + " - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom) <= parseFloat(s.lineHeight) * 1.2 ? 1 : 0",
                                        th)
                                == 1,
                        "one line: " + th.getText());
            }
        }
        // Hovering the ticket keeps its text readable: no filled green behind green text (axe cannot hover).
        WebElement ticketButton = row.findElement(By.cssSelector(".link-button"));
        new Actions(browser).moveToElement(ticketButton).perform();
        assertEquals("rgba(0, 0, 0, 0)", script("return getComputedStyle(arguments[0]).backgroundColor", ticketButton));

        browser.manage().window().setSize(new Dimension(360, 800));
        List<WebElement> cells = row.findElements(By.tagName("td"));
        assertEquals("block", cells.get(1).getCssValue("display"), "rows become cards");
        assertEquals(
                "\"Ontvangen\"", script("return getComputedStyle(arguments[0], '::before').content", cells.get(1)));
        long width = (Long) script("return Math.round(arguments[0].getBoundingClientRect().width)", cells.get(4));
        assertTrue(width > 250, "the question gets the card's width, not a character per column: " + width);
        assertTrue(
                (Boolean) script("return document.documentElement.scrollWidth <= window.innerWidth"),
                "no sideways scrolling");
        screenshot("admin-inbox-narrow-nl.png");
    }

    @Test
    void theOfficeLogsInOpensAnEscalationAndMarksItHandled() throws Exception {
        String ticket = escalation("Lin <b>Bold</b>");

        WebElement password = wait.until(d -> {
            WebElement field = d.findElement(By.id("password"));
            return field.isDisplayed() ? field : null;
        });
        password.sendKeys("wrong password");
        click(browser.findElement(By.cssSelector("#login-form button[type=submit]")));
        wait.until(d -> !d.findElement(By.id("admin-error")).getText().isBlank());
        assertTrue(browser.findElement(By.id("inbox")).getAttribute("hidden") != null, "no inbox without the password");

        password.clear();
        password.sendKeys(ADMIN_PASSWORD);
        click(browser.findElement(By.cssSelector("#login-form button[type=submit]")));
        WebElement open = wait.until(d -> d.findElements(By.cssSelector("#escalations button.link-button")).stream()
                .filter(b -> ticket.equals(b.getAttribute("textContent")))
                .findFirst()
                .orElse(null));
        assertTrue(
                browser.findElement(By.id("escalations"))
                        .getAttribute("textContent")
                        .contains("Lin <b>Bold</b>"),
                "names shown as text");
        click(open);
        wait.until(d -> d.findElement(By.id("detail-question")).getText().contains("May I publish my trained model?"));
        click(browser.findElement(By.id("handled")));
        wait.until(d ->
                d.findElement(By.id("detail-title")).getAttribute("textContent").contains("handled")
                        || !d.findElement(By.id("admin-error"))
                                .getAttribute("textContent")
                                .isEmpty());
        assertEquals("", browser.findElement(By.id("admin-error")).getAttribute("textContent"));
        assertTrue(browser.findElements(By.cssSelector("#escalations b")).isEmpty(), "no markup was created from data");
        // The audit list names who marked it handled: the shared password, a handler.
        WebElement audited = wait.until(d -> d.findElements(By.cssSelector("#audit tbody tr")).stream()
                .filter(r ->
                        r.getText().contains("marked handled") && r.getText().contains(ticket))
                .findFirst()
                .orElse(null));
        assertTrue(audited.getText().contains("shared password"), audited.getText());
        assertEquals("Who", audited.findElements(By.tagName("td")).get(1).getAttribute("data-label"));
        assertTrue(browser.findElement(By.id("signed-in")).getText().contains("handler"));
        screenshot("admin-inbox.png");
    }
}
