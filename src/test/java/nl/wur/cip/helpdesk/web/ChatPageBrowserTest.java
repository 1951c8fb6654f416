package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.wur.cip.helpdesk.escalation.Escalation;
import nl.wur.cip.helpdesk.escalation.EscalationStore;
import nl.wur.cip.helpdesk.feedback.Feedback;
import nl.wur.cip.helpdesk.feedback.FeedbackStore;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The chat page in Debian's headless Chromium against the real server and knowledge. */
class ChatPageBrowserTest extends BrowserTestBase {
    @Override
    protected String startPage() {
        return "/";
    }

    private WebElement ask(String question) {
        int before = browser.findElements(By.cssSelector(".message.answer")).size();
        WebElement box = browser.findElement(By.id("question"));
        box.clear();
        box.sendKeys(question);
        browser.findElement(By.id("send")).click();
        return waitForAnswer(before);
    }

    private WebElement waitForAnswer(int before) {
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message.answer"), before + 1));
        List<WebElement> answers = browser.findElements(By.cssSelector(".message.answer"));
        return answers.get(answers.size() - 1);
    }

    @Test
    void askingShowsAnAnswerWithSourcesThatExpand() throws Exception {
        WebElement answer = ask("May I train an AI model on images I scraped from the web for my research?");
        assertEquals("answered", answer.getAttribute("data-outcome"));
        assertFalse(answer.findElement(By.cssSelector(".answer-text")).getText().isBlank());
        List<WebElement> sources = answer.findElements(By.cssSelector("ol.sources > li"));
        assertFalse(sources.isEmpty(), "at least one source");
        WebElement first = sources.get(0);
        assertFalse(
                first.findElement(By.cssSelector(".source-reference")).getText().isBlank());
        WebElement snippet = first.findElement(By.cssSelector(".snippet"));
        assertFalse(snippet.isDisplayed());
        WebElement toggle = first.findElement(By.cssSelector("button.snippet-toggle"));
        click(toggle);
        assertTrue(snippet.isDisplayed());
        assertEquals("true", toggle.getAttribute("aria-expanded"));
        for (WebElement link : answer.findElements(By.cssSelector("a.source-link"))) {
            assertEquals("_blank", link.getAttribute("target"));
            assertTrue(link.getAttribute("rel").contains("noopener"));
            assertTrue(link.getAttribute("rel").contains("noreferrer"));
        }
        assertFalse(answer.findElement(By.cssSelector(".disclaimer")).getText().isBlank());
        screenshot("chat-desktop.png");
        browser.manage().window().setSize(new Dimension(360, 800));
        Number scrollWidth =
                (Number) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth");
        assertTrue(scrollWidth.intValue() <= 360, "no horizontal scrolling at 360 px: " + scrollWidth);
        screenshot("chat-360px.png");
    }

    @Test
    void theLiveRegionAnnouncesTheAnswerAndItsSourceCountOnlyAndJumpReachesTheLatestAnswer() {
        WebElement answer = ask("May I train an AI model on images I scraped from the web for my research?");
        String text = answer.findElement(By.cssSelector(".answer-text")).getText();
        int count = answer.findElements(By.cssSelector("ol.sources > li")).size();
        String sources = count == 1 ? "1 source" : count + " sources";
        WebElement announcer = browser.findElement(By.id("announcer"));
        wait.until(d -> !announcer.getText().isEmpty()
                || !announcer.getAttribute("textContent").isEmpty());
        assertEquals(text + " " + sources, announcer.getAttribute("textContent"));
        assertNull(
                browser.findElement(By.id("messages")).getAttribute("aria-live"),
                "the bubbles themselves are not read out");
        assertNull(
                browser.findElement(By.id("messages")).getAttribute("role"), "not a log, which would be read out too");
        click(answer.findElement(By.cssSelector("button.snippet-toggle")));
        assertEquals(text + " " + sources, announcer.getAttribute("textContent"), "opening a passage is not announced");
        click(browser.findElement(By.id("jump-latest")));
        assertEquals(answer, browser.switchTo().activeElement());
    }

    @Test
    void aFollowUpIsAnsweredWithThePreviousQuestionsTopic() throws Exception {
        WebElement first = ask("May I use a figure from another paper in my thesis?");
        String firstText = first.findElement(By.cssSelector(".answer-text")).getText();
        // Alone, "And on a conference poster?" gets another answer (FollowUpTest); after the thesis question, the same
        // topic's
        // answer.
        WebElement followUp = ask("And on a conference poster?");
        assertEquals("answered", followUp.getAttribute("data-outcome"));
        assertEquals(
                firstText, followUp.findElement(By.cssSelector(".answer-text")).getText());
        ((JavascriptExecutor) browser)
                .executeScript(
                        "arguments[0].scrollIntoView({block: 'start'})",
                        browser.findElements(By.cssSelector(".message.user")).get(1));
        screenshot("chat-follow-up.png");
    }

    @Test
    void theConversationSurvivesAReloadUntilANewOneIsStarted() {
        String question = "May I use a figure from another paper in my thesis?";
        String answerText =
                ask(question).findElement(By.cssSelector(".answer-text")).getText();
        browser.navigate().refresh();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".message.answer"), 1));
        assertEquals(
                question,
                browser.findElement(By.cssSelector(".message.user .user-text")).getText());
        assertEquals(
                answerText,
                browser.findElement(By.cssSelector(".message.answer .answer-text"))
                        .getText());
        // The restored turn is the previous question of the next one.
        assertEquals(
                answerText,
                ask("And on a conference poster?")
                        .findElement(By.cssSelector(".answer-text"))
                        .getText());
        click(browser.findElement(By.id("new-conversation")));
        assertTrue(browser.findElements(By.cssSelector("#messages .message")).isEmpty());
        browser.navigate().refresh();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("send")));
        assertTrue(
                browser.findElements(By.cssSelector("#messages .message")).isEmpty(), "a new conversation stays new");
    }

    @Test
    void theConversationIsExportedAsDatedMarkdownWithItsSourcesAndPrintsWithItsDate() throws Exception {
        String question = "May I train an AI model on images I scraped from the web for my research?";
        WebElement answer = ask(question);
        String answerText = answer.findElement(By.cssSelector(".answer-text")).getText();
        String firstLink = answer.findElement(By.cssSelector("a.source-link")).getAttribute("href");
        click(browser.findElement(By.id("export")));
        wait.until(d -> {
            try (var files = Files.list(downloads)) {
                return files.anyMatch(f -> f.toString().endsWith(".md"));
            } catch (IOException e) {
                return false;
            }
        });
        Path file;
        try (var files = Files.list(downloads)) {
            file = files.filter(f -> f.toString().endsWith(".md")).findFirst().orElseThrow();
        }
        String markdown = Files.readString(file);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertTrue(markdown.startsWith("# Conversation with the CIP Helpdesk"), markdown);
        assertTrue(markdown.contains("(" + today + ")"), "dated: " + markdown);
        assertTrue(markdown.contains("> " + question), markdown);
        assertTrue(markdown.contains(answerText.lines().findFirst().orElseThrow()), markdown);
        assertTrue(markdown.contains("<" + firstLink + ">"), "each source with its official link: " + markdown);
        // On paper: the date above the conversation, and no bubble cut at a page break.
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("window.dispatchEvent(new Event('beforeprint'))");
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        WebElement printedOn = browser.findElement(By.id("printed-on"));
        assertTrue(printedOn.isDisplayed());
        assertTrue(printedOn.getText().contains(today), printedOn.getText());
        assertEquals(
                "avoid",
                js.executeScript("return getComputedStyle(document.querySelector('.message.answer')).breakInside"));
        assertFalse(browser.findElement(By.id("export")).isDisplayed(), "the buttons are not printed");
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
    }

    @Test
    void offTopicAndEscalateQuestionsShowTheirOutcome() {
        WebElement offTopic = ask("Can you recommend a good restaurant in Wageningen?");
        assertEquals("off_topic", offTopic.getAttribute("data-outcome"));
        assertTrue(offTopic.findElements(By.cssSelector("ol.sources > li")).isEmpty());
        WebElement escalate =
                ask("A photographer sent WUR a cease-and-desist letter about my dataset. What should I do?");
        assertEquals("escalate", escalate.getAttribute("data-outcome"));
        assertFalse(escalate.findElement(By.cssSelector(".escalation-reason"))
                .getText()
                .isBlank());
        click(escalate.findElement(By.cssSelector("button.escalate-action")));
        WebElement form = wait.until(d -> escalate.findElement(By.cssSelector("form.escalation-form")));
        assertTrue(
                form.findElement(By.cssSelector("textarea"))
                        .getAttribute("value")
                        .contains("cease-and-desist"),
                "the question is prefilled");
        assertTrue(
                form.findElement(By.cssSelector("input[name=includeTranscript]"))
                        .isSelected(),
                "transcript on by default");
        assertFalse(form.findElement(By.cssSelector("input[name=quoteConsent]")).isSelected(), "quoting is opt-in");
        assertTrue(form.findElement(By.cssSelector(".escalation-privacy"))
                .getText()
                .contains("180 days"));

        click(form.findElement(By.cssSelector("button[type=submit]")));
        wait.until(d -> !form.findElement(By.cssSelector(".escalation-status"))
                .getText()
                .isBlank());
        assertTrue(
                form.findElement(By.cssSelector(".escalation-status")).getText().contains("e-mail"),
                "asks for the address");
        WebElement emailField = form.findElement(By.cssSelector("input[name=email]"));
        assertEquals("true", emailField.getAttribute("aria-invalid"));
        assertEquals(
                form.findElement(By.cssSelector(".escalation-status")).getAttribute("id"),
                emailField.getAttribute("aria-describedby"),
                "the error is tied to its field");
        WebElement nameField = form.findElement(By.cssSelector("input[name=name]"));
        assertTrue(browser.findElement(By.id(nameField.getAttribute("aria-describedby")))
                .getText()
                .contains("optional"));

        form.findElement(By.cssSelector("input[name=email]")).sendKeys("ada@example.org");
        form.findElement(By.cssSelector("input[name=name]")).sendKeys("Ada Browser");
        click(form.findElement(By.cssSelector("button[type=submit]")));
        WebElement receipt = wait.until(d -> escalate.findElement(By.cssSelector(".escalation-receipt")));
        assertEquals(receipt, browser.switchTo().activeElement(), "focus moves to the receipt");
        String ticket =
                receipt.findElement(By.cssSelector(".escalation-ticket")).getText();
        assertTrue(ticket.matches("CIP-\\d{4}-\\d{6}"), ticket);
        String mailto =
                receipt.findElement(By.cssSelector("a.escalation-mailto")).getAttribute("href");
        assertTrue(
                mailto.startsWith("mailto:copyright@wur.nl"),
                "no SMTP here, so the mailto fallback is offered: " + mailto);

        Escalation stored = new EscalationStore(database).findByTicket(ticket).orElseThrow();
        assertEquals(Optional.of("ada@example.org"), stored.email());
        assertEquals(Optional.of("Ada Browser"), stored.name());
        assertTrue(stored.question().orElseThrow().contains("cease-and-desist"));
        assertTrue(
                stored.transcript().stream().anyMatch(turn -> turn.text().contains("restaurant")),
                "the conversation went along: " + stored.transcript());
    }

    @Test
    void switchingToDutchTranslatesTheUiAndAsksInDutch() throws Exception {
        WebElement toggle = browser.findElement(By.id("lang-toggle"));
        assertEquals("Nederlands", toggle.getText().strip());
        toggle.click();
        wait.until(d -> "nl".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        assertEquals(
                "English", browser.findElement(By.id("lang-toggle")).getText().strip());
        WebElement answer = ask("Hoe lang mag ik mijn dataset bewaren?");
        assertTrue(answer.findElement(By.cssSelector(".disclaimer")).getText().startsWith("Algemene informatie"));
        screenshot("chat-dutch.png");
    }

    @Test
    void everyInterfaceStringHasBothLanguages() {
        Object missing = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/i18n.js').then(({ strings }) => {
                  const en = Object.keys(strings.en), nl = Object.keys(strings.nl);
                  done([...en.filter((k) => !nl.includes(k)).map((k) => 'nl lacks ' + k),
                        ...nl.filter((k) => !en.includes(k)).map((k) => 'en lacks ' + k)].join(', '));
                }).catch((e) => done(String(e)));""");
        assertEquals("", missing);
    }

    @Test
    void theKeyboardAloneCanAskAQuestion() {
        new Actions(browser).sendKeys(Keys.TAB).perform();
        for (int i = 0;
                i < 30 && !"question".equals(browser.switchTo().activeElement().getAttribute("id"));
                i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        assertEquals(
                "question",
                browser.switchTo().activeElement().getAttribute("id"),
                "the question box is reachable by Tab");
        int before = browser.findElements(By.cssSelector(".message.answer")).size();
        new Actions(browser)
                .sendKeys("Who answers copyright questions at WUR?")
                .sendKeys(Keys.ENTER)
                .perform();
        WebElement answer = waitForAnswer(before);
        assertFalse(answer.findElement(By.cssSelector(".answer-text")).getText().isBlank());
    }

    @Test
    void markupInAQuestionIsShownAsTextAndRunsNothing() {
        String attack = "<img src=x onerror=alert(1)> may I scrape this?";
        ask(attack);
        List<WebElement> users = browser.findElements(By.cssSelector(".message.user"));
        assertTrue(users.get(users.size() - 1).getText().contains("<img src=x onerror=alert(1)>"));
        assertTrue(
                browser.findElements(By.cssSelector("#messages img")).isEmpty(),
                "no element was created from the text");
        assertNull(ExpectedConditions.alertIsPresent().apply(browser), "no script ran");
    }

    @Test
    void feedbackIsStored() {
        WebElement answer = ask("Can I keep my scraped corpus forever?");
        click(answer.findElement(By.cssSelector("button.feedback-up")));
        WebElement comment = wait.until(d -> answer.findElement(By.cssSelector("textarea.feedback-comment")));
        comment.sendKeys("Clear answer from the browser test");
        click(answer.findElement(By.cssSelector("button.feedback-send")));
        wait.until(d -> !answer.findElement(By.cssSelector(".feedback-status"))
                .getText()
                .isBlank());
        Feedback stored = new FeedbackStore(database)
                .latest(20).stream()
                        .filter(f -> "Clear answer from the browser test".equals(f.comment()))
                        .findFirst()
                        .orElseThrow();
        assertEquals("up", stored.rating());
        assertEquals("Can I keep my scraped corpus forever?", stored.question());
    }
}
