package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import nl.wur.cip.helpdesk.escalation.Escalation;
import nl.wur.cip.helpdesk.escalation.EscalationStore;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The self-assessment wizard in headless Chromium: one question at a time to a verdict and its printable record. */
class ChecklistWizardBrowserTest extends BrowserTestBase {
    @Override
    protected String startPage() {
        return "/checklist.html";
    }

    private String currentQuestion() {
        return wait.until(d -> {
            String text = d.findElement(By.id("question-text")).getText();
            return text.isBlank() ? null : text;
        });
    }

    /** Picks the option at {@code index} of the current question and goes on; returns the question answered. */
    private String answer(int index) {
        String question = currentQuestion();
        List<WebElement> options = browser.findElements(By.cssSelector("input[type=radio][name=option]"));
        assertTrue(options.size() >= 2, "every question offers a choice");
        click(options.get(Math.min(index, options.size() - 1)));
        click(browser.findElement(By.id("next")));
        wait.until(d -> d.findElement(By.id("verdict")).isDisplayed()
                || !currentQuestionOrEmpty().equals(question));
        return question;
    }

    private String currentQuestionOrEmpty() {
        return browser.findElement(By.id("question-text")).getText();
    }

    @Test
    void theWizardWalksToAVerdictAndOpensThePrintableReport() throws Exception {
        // The label is written once the first question has come from the server: wait for it, not for the page.
        String progress = wait.until(d -> {
            String label = d.findElement(By.id("progress-label")).getText();
            return label.isBlank() ? null : label;
        });
        assertTrue(progress.matches("Question 1 of about \\d+"), progress);
        String first = answer(0);
        assertEquals(
                browser.findElement(By.id("question-text")),
                browser.switchTo().activeElement(),
                "after an answer, focus is on the new question");
        String change =
                browser.findElement(By.cssSelector("button.change-answer")).getAttribute("aria-label");
        assertTrue(change.contains(first), "a Change button says which answer it changes: " + change);
        click(browser.findElement(By.id("back")));
        wait.until(d -> currentQuestionOrEmpty().equals(first));
        assertEquals(first, currentQuestionOrEmpty(), "Back returns to the previous question");

        WebElement why = browser.findElement(By.cssSelector("button.why-toggle"));
        click(why);
        assertTrue(browser.findElement(By.cssSelector(".why-text")).isDisplayed());

        int answered = 0;
        while (!browser.findElement(By.id("verdict")).isDisplayed() && answered < 40) {
            answer(0);
            answered++;
        }
        WebElement verdict = browser.findElement(By.id("verdict"));
        assertTrue(verdict.isDisplayed(), "the wizard ends in a verdict");
        assertFalse(verdict.getAttribute("data-level").isBlank());
        String title = browser.findElement(By.id("verdict-title")).getText();
        assertFalse(title.isBlank());
        assertEquals(
                browser.findElement(By.id("verdict-title")),
                browser.switchTo().activeElement(),
                "the verdict is focused");
        assertTrue(
                browser.findElement(By.id("checklist-announcer"))
                        .getAttribute("textContent")
                        .contains(title),
                "and announced");
        assertFalse(
                browser.findElements(By.cssSelector("ol#verdict-sources > li")).isEmpty(),
                "the verdict cites its sources");
        assertTrue(
                browser.findElement(By.id("markdown-link")).getAttribute("href").endsWith("/report.md"));
        screenshot("checklist-verdict.png");

        click(browser.findElement(By.id("send-to-office")));
        WebElement form = wait.until(d -> d.findElement(By.cssSelector("#office-form form.escalation-form")));
        assertTrue(form.findElement(By.cssSelector("input[name=includeAssessment]"))
                .isSelected());
        form.findElement(By.cssSelector("input[name=email]")).sendKeys("grace@example.org");
        click(form.findElement(By.cssSelector("button[type=submit]")));
        String ticket = wait.until(d -> d.findElement(By.cssSelector("#office-form .escalation-ticket")))
                .getText();
        Escalation stored = new EscalationStore(database).findByTicket(ticket).orElseThrow();
        assertEquals("checklist", stored.origin());
        assertTrue(stored.assessment().orElseThrow().contains(title), "the office gets the assessment record");

        browser.get(browser.findElement(By.id("report-link")).getAttribute("href"));
        WebElement report = wait.until(d -> {
            WebElement r = d.findElement(By.id("report"));
            return r.getAttribute("data-assessment-id") == null
                            || r.getAttribute("data-assessment-id").isBlank()
                    ? null
                    : r;
        });
        wait.until(d -> !d.findElement(By.id("report-verdict")).getText().isBlank());
        assertTrue(browser.findElement(By.id("report-verdict")).getText().contains(title));
        assertEquals(
                answered,
                browser.findElements(By.cssSelector("#report-steps li")).size(),
                "every question and answer is in the record");
        assertFalse(browser.findElements(By.cssSelector("#report-sources li")).isEmpty());
        assertTrue(report.getText().contains("not legal advice"));
        String meta = browser.findElement(By.id("report-meta")).getText();
        assertFalse(meta.matches("(?s).*\\d{4}-\\d{2}-\\d{2}T.*"), "the date for people, not ISO: " + meta);
        for (String list : List.of("report-conditions", "report-flags")) {
            boolean empty =
                    browser.findElements(By.cssSelector("#" + list + " li")).isEmpty();
            assertEquals(
                    !empty,
                    browser.findElement(By.id(list + "-title")).isDisplayed(),
                    list + ": a heading only over content");
        }
        screenshot("checklist-report.png");
    }

    @Test
    void aPathThatReachesPermissionNeededAndUnclearShowsBoth() {
        // A suspected infringing source (permission_needed) and sharing with partners (unclear); otherwise the first
        // option.
        Set<String> chosen = Set.of("suspected", "external_partners");
        int answered = 0;
        while (!browser.findElement(By.id("verdict")).isDisplayed() && answered < 40) {
            currentQuestion();
            List<WebElement> options = browser.findElements(By.cssSelector("input[type=radio][name=option]"));
            int index = 0;
            for (int i = 0; i < options.size(); i++) {
                if (chosen.contains(options.get(i).getAttribute("value"))) {
                    index = i;
                }
            }
            answer(index);
            answered++;
        }
        WebElement verdict = browser.findElement(By.id("verdict"));
        assertEquals("unclear", verdict.getAttribute("data-level"));
        assertEquals("unclear permission_needed", verdict.getAttribute("data-levels"));
        assertTrue(browser.findElement(By.id("verdict-level"))
                .getText()
                .toLowerCase()
                .contains("permission needed"));
        List<WebElement> also = browser.findElements(By.cssSelector("#verdict-also .verdict-also"));
        assertEquals(1, also.size(), "the other level reached is shown under the verdict");
        assertEquals("permission_needed", also.get(0).getAttribute("data-level"));
        assertTrue(
                also.get(0).getText().contains("Permission or a licence is needed"),
                also.get(0).getText());

        browser.get(browser.findElement(By.id("report-link")).getAttribute("href"));
        wait.until(d -> !d.findElement(By.id("report-verdict")).getText().isBlank());
        assertEquals(
                "unclear permission_needed",
                browser.findElement(By.id("report-verdict")).getAttribute("data-levels"));
        assertTrue(
                browser.findElement(By.id("report-verdict")).getText().contains("Permission or a licence is needed"));
    }

    @Test
    void inDutchThePageTitleAndTheVerdictLevelsAreDutch() {
        click(browser.findElement(By.id("lang-toggle")));
        wait.until(d -> "nl".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        assertEquals("CIP Helpdesk — Zelfevaluatie voordat je gaat scrapen", browser.getTitle());
        int answered = 0;
        while (!browser.findElement(By.id("verdict")).isDisplayed() && answered < 40) {
            answer(0);
            answered++;
        }
        String level = browser.findElement(By.id("verdict-level")).getText();
        assertTrue(level.startsWith("Uitkomst: ") || level.toUpperCase().startsWith("UITKOMST: "), level);
        for (String english : List.of("_", "research exception", "general exception", "permission needed", "unclear")) {
            assertFalse(level.toLowerCase().contains(english), "Dutch level names only: " + level);
        }
        browser.get(browser.findElement(By.id("report-link")).getAttribute("href"));
        wait.until(d -> !d.findElement(By.id("report-verdict")).getText().isBlank());
        assertEquals("CIP Helpdesk — Zelfevaluatie tekst- en datamining", browser.getTitle());
    }

    @Test
    void theChatLinksToTheChecklist() {
        browser.get("http://localhost:" + server.port() + "/");
        String href =
                browser.findElement(By.cssSelector("#welcome a.checklist-link")).getAttribute("href");
        assertTrue(href.endsWith("checklist.html"), href);
    }
}
