package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The admin inbox page in Chromium: log in, open an escalation, mark it handled. */
class AdminPageBrowserTest extends BrowserTestBase {
    @Override
    protected String startPage() {
        return "/admin";
    }

    @Test
    void theOfficeLogsInOpensAnEscalationAndMarksItHandled() throws Exception {
        HttpResponse<String> submitted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + server.port() + "/api/escalations"))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"lin@example.org\",\"name\":\"Lin <b>Bold</b>\","
                        + "\"question\":\"May I publish my trained model?\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, submitted.statusCode());
        String ticket = submitted.body().replaceAll(".*\"ticket\":\"([^\"]+)\".*", "$1");

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
                .filter(b -> ticket.equals(b.getAttribute("textContent"))).findFirst().orElse(null));
        assertTrue(browser.findElement(By.id("escalations")).getAttribute("textContent").contains("Lin <b>Bold</b>"),
                "names shown as text");
        click(open);
        wait.until(d -> d.findElement(By.id("detail-question")).getText().contains("May I publish my trained model?"));
        click(browser.findElement(By.id("handled")));
        wait.until(d -> d.findElement(By.id("detail-title")).getAttribute("textContent").contains("handled")
                || !d.findElement(By.id("admin-error")).getAttribute("textContent").isEmpty());
        assertEquals("", browser.findElement(By.id("admin-error")).getAttribute("textContent"));
        assertTrue(browser.findElements(By.cssSelector("#escalations b")).isEmpty(), "no markup was created from data");
        screenshot("admin-inbox.png");
    }
}
