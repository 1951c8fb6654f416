package nl.wur.cip.helpdesk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.wur.cip.helpdesk.TestHelpdesk;
import nl.wur.cip.helpdesk.insight.AnswerRecord;
import nl.wur.cip.helpdesk.insight.AnswerRecordStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/** The insight page in Chromium over seeded data: its charts drawn from the counts, and ten alike questions as one gap. */
class InsightPageBrowserTest extends BrowserTestBase {
    private int seededAnswers;
    private Path drafts;

    @Override
    protected String startPage() {
        return "/admin";
    }

    @BeforeAll
    void seed() {
        Instant now = Instant.now();
        List<AnswerRecord> records = new ArrayList<>();
        String[] outcomes = {"answered", "answered", "escalate", "off_topic"};
        for (int day = 0; day < 14; day++) {
            for (int i = 0; i < 3 + day % 5; i++) {
                records.add(new AnswerRecord(
                        now.minus(Duration.ofDays(day)),
                        outcomes[(day + i) % 4],
                        i % 3 == 0 ? "nl" : "en",
                        0.7,
                        Optional.empty()));
            }
        }
        seededAnswers = records.size();
        new AnswerRecordStore(database).insert(records);
        InsightApiTest.seedUnanswered(database, now);
        try {
            drafts = Files.createTempDirectory("cip-insight-drafts");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The same sources, with drafts saved where this test can look.
        TestHelpdesk.insightReady(server, database, Clock.systemUTC(), drafts);
    }

    private void logInAndOpenInsight() {
        logInAsAdmin();
        click(browser.findElement(By.cssSelector("a[href='/admin-insight.html']")));
        wait.until(d -> "30".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
    }

    private int sum(String selector) {
        return browser.findElements(By.cssSelector(selector)).stream()
                .mapToInt(r -> Integer.parseInt(r.getAttribute("data-count")))
                .sum();
    }

    @Test
    void theChartsAreDrawnFromTheCountsAndTenAlikeQuestionsAreOneGapOfTen() throws Exception {
        logInAndOpenInsight();
        assertEquals(seededAnswers, sum("#chart-outcomes rect"), "every seeded answer is in the outcome chart");
        assertEquals(seededAnswers, sum("#chart-languages rect"), "and in the language chart");
        assertTrue(sum("#chart-outcomes rect.series-escalate") > 0);
        assertTrue(sum("#chart-languages rect.series-nl") > 0);
        assertEquals(
                3, browser.findElements(By.cssSelector("#legend-outcomes li")).size());
        List<WebElement> gaps = browser.findElements(By.cssSelector("#gaps tbody tr"));
        List<WebElement> fonts = gaps.stream()
                .filter(g -> g.getText().contains("font") || g.getText().contains("typeface"))
                .toList();
        assertEquals(1, fonts.size(), "one gap holds the font questions");
        assertEquals("10", fonts.get(0).getAttribute("data-size"));
        assertEquals(3, fonts.get(0).findElements(By.cssSelector("ol li")).size(), "three example questions");
        screenshot("admin-insight.png");
        Files.copy(
                fonts.get(0)
                        .getScreenshotAs(org.openqa.selenium.OutputType.FILE)
                        .toPath(),
                Path.of("target", "screenshots", "admin-insight-gap.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void eachGapDownloadsAsADraftCardAndSavingItShowsTheFileName() throws Exception {
        logInAndOpenInsight();
        WebElement fonts = browser.findElements(By.cssSelector("#gaps tbody tr")).stream()
                .filter(g -> g.getText().contains("font") || g.getText().contains("typeface"))
                .findFirst()
                .orElseThrow();
        String file = "faq-draft-" + fonts.getAttribute("id").substring("gap-".length()) + ".md";
        WebElement download = fonts.findElement(By.cssSelector("a.draft-download"));
        assertEquals("Draft a card", download.getText());
        click(download);
        Path downloaded = downloads.resolve(file);
        wait.until(d -> Files.isRegularFile(downloaded));
        wait.until(d -> {
            try {
                return Files.readString(downloaded).contains("## Nederlands");
            } catch (IOException e) {
                return false;
            }
        });
        String markdown = Files.readString(downloaded);
        assertTrue(markdown.contains("\"" + InsightApiTest.FONT_QUESTIONS.get(0) + "\""), markdown);

        WebElement save = fonts.findElement(By.cssSelector("button.draft-save"));
        assertEquals("Save draft to the drafts folder", save.getText());
        click(save);
        WebElement result = fonts.findElement(By.cssSelector(".draft-result"));
        wait.until(d -> result.getText().contains(file));
        assertEquals(file, result.getAttribute("data-file"));
        assertEquals(markdown, Files.readString(drafts.resolve(file)), "the saved draft is the downloaded one");

        click(save);
        wait.until(d -> result.getText().contains("already in the drafts folder"));
        assertTrue(result.getAttribute("class").contains("form-error"), "a second save is refused and says so");
        screenshot("admin-insight-draft.png");
    }

    @Test
    void inDutchAtANarrowWidthEveryGapIsACardWithItsColumnNames() {
        browser.manage().window().setSize(new Dimension(360, 900));
        browser.executeScript("localStorage.setItem('cip-helpdesk-language', 'nl')");
        browser.navigate().refresh();
        logInAndOpenInsight();
        assertEquals(
                "Gaten in de kennis", browser.findElement(By.id("gaps-title")).getText());
        WebElement cell = browser.findElement(By.cssSelector("#gaps tbody td"));
        assertEquals("block", cell.getCssValue("display"), "a card, not a squeezed table");
        assertEquals("Vragen", cell.getAttribute("data-label"));
        assertEquals(
                "10",
                browser.findElement(By.cssSelector("#gaps tbody tr")).getAttribute("data-size"),
                "the largest gap first");
    }
}
