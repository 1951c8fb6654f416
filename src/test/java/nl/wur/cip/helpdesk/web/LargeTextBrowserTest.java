package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The chat on a 360 px phone with the reader's text at 200%: the question box must leave room to read the answer. */
class LargeTextBrowserTest extends BrowserTestBase {
    @Override
    protected String startPage() {
        return "/";
    }

    @Override
    protected int textSize() {
        return 32;
    }

    @Test
    void atTwiceTheTextSizeTheQuestionBoxNoLongerCoversTheConversation() throws Exception {
        browser.manage().window().setSize(new Dimension(360, 800));
        browser.navigate().refresh();
        assertEquals(
                "32px",
                browser.findElement(By.tagName("body")).getCssValue("font-size"),
                "the reader's text size applies");
        WebElement box = wait.until(d -> d.findElement(By.id("question")));
        box.sendKeys("How long may I keep the copies I made for text and data mining?");
        browser.findElement(By.id("send")).click();
        WebElement answer = wait.until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".message.answer .answer-text")));
        browser.executeScript("arguments[0].scrollIntoView({block: 'start'})", answer);

        WebElement composer = browser.findElement(By.cssSelector(".composer"));
        assertEquals(
                "static",
                composer.getCssValue("position"),
                "the box stays at the end of the page, not over the answer");
        // Whatever the layout, the answer's first lines are on screen and nothing fixed lies over them.
        Object readable = browser.executeScript("""
                const r = arguments[0].getBoundingClientRect();
                const x = Math.min(r.left + 20, innerWidth - 1), y = Math.min(r.top + 10, innerHeight - 1);
                const hit = document.elementFromPoint(x, y);
                return r.top >= -1 && r.top < innerHeight / 2 && arguments[0].contains(hit) ? true : [r.top, innerHeight, hit && hit.outerHTML.slice(0, 200)].join(' | ');""", answer);
        assertEquals(true, readable, "the answer's opening lines can be read");
        screenshot("chat-360-large-text.png");
    }
}
