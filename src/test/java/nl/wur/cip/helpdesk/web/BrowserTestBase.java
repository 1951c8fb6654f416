package nl.wur.cip.helpdesk.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.wur.cip.helpdesk.TestHelpdesk;
import nl.wur.cip.helpdesk.admin.AdminAuth;
import nl.wur.cip.helpdesk.checklist.AssessmentStore;
import nl.wur.cip.helpdesk.checklist.ChecklistService;
import nl.wur.cip.helpdesk.storage.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A real server over the shipped knowledge and Debian's headless Chromium, for the page tests. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTestBase {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    protected static final String ADMIN_PASSWORD = "browser-test admin password";

    protected Database database;
    protected HelpdeskServer server;
    protected ChromeDriver browser;
    protected WebDriverWait wait;
    private Path profile;
    /** Where this test's browser saves downloads. */
    protected Path downloads;

    @BeforeAll
    void startServer() throws Exception {
        boolean available = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!available && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must install chromium and chromium-driver (see .ci/run)");
        }
        Assumptions.assumeTrue(available, "Debian's chromium and chromium-driver are not installed");
        database = Database.open("jdbc:h2:mem:" + getClass().getSimpleName() + ";DB_CLOSE_DELAY=-1", "sa", "");
        server = new HelpdeskServer(
                        Path.of("web"),
                        TestHelpdesk.servicesWithoutMail(
                                        database,
                                        Optional.of(new AdminAuth(ADMIN_PASSWORD, Clock.systemUTC(), database)),
                                        Clock.systemUTC())
                                .withEmbedOrigins(embedOrigins()),
                        Clock.systemUTC())
                .start(0);
        server.ready(TestHelpdesk.extractive());
        TestHelpdesk.insightReady(server, database, Clock.systemUTC());
        server.checklistReady(new ChecklistService(
                TestHelpdesk.shared().checklist().orElseThrow(),
                new AssessmentStore(database),
                TestHelpdesk.shared().knowledge(),
                Clock.systemUTC()));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
            database.close();
        }
    }

    @BeforeEach
    void openBrowser() throws Exception {
        profile = Files.createTempDirectory("chromium-profile");
        downloads = Files.createDirectories(profile.resolve("downloads"));
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "download.default_directory",
                        downloads.toString(),
                        "download.prompt_for_download",
                        false,
                        "webkit.webprefs.default_font_size",
                        textSize()));
        options.setBinary(CHROMIUM.toFile());
        // Background services would try the network, which this machine does not have.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--lang=en-GB",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.get("http://localhost:" + server.port() + startPage());
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    /** The page each test starts on. */
    protected abstract String startPage();

    /** The browser's text size in px (the reader's setting: 32 is 200%). */
    protected int textSize() {
        return 16;
    }

    /** The sites the server lets embed the chat (HELPDESK_EMBED_ORIGINS); none unless a test says so. */
    protected List<String> embedOrigins() {
        return List.of();
    }

    /** Scrolls an element to the middle first, as a person would, so the sticky question box does not cover it. */
    /** Signs in on the admin page with the shared password and waits for the inbox. */
    protected void logInAsAdmin() {
        WebElement password = wait.until(d -> {
            WebElement field = d.findElement(By.id("password"));
            return field.isDisplayed() ? field : null;
        });
        password.sendKeys(ADMIN_PASSWORD);
        click(browser.findElement(By.cssSelector("#login-form button[type=submit]")));
        wait.until(d -> d.findElement(By.id("inbox")).isDisplayed());
    }

    protected void click(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    protected void screenshot(String name) throws Exception {
        Files.copy(
                browser.getScreenshotAs(OutputType.FILE).toPath(),
                SCREENSHOTS.resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
