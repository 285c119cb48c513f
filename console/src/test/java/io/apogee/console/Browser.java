package io.apogee.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium driven by Selenium through {@code /usr/bin/chromedriver} (never a downloaded browser),
 * with a window larger than the pages, and screenshots under {@code target/screenshots/}. {@link #close()} quits it.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final WebDriver driver;
    private final Path profile;
    private final WebDriverWait wait;

    private Browser(String language) throws Exception {
        profile = Files.createTempDirectory("apogee-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1440,1600", "--lang=" + language,
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** A new browser whose preferred language is English. */
    public static Browser open() throws Exception {
        return new Browser("en-US");
    }

    public WebDriver driver() {
        return driver;
    }

    public void go(String url) {
        driver.get(url);
    }

    /** Waits (up to 30 s) for an element matching {@code css} to be visible, and returns it. */
    public WebElement await(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Waits (up to 30 s) until {@code css}'s text contains {@code text}. */
    public void awaitText(String css, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    /** Logs in through the login form and waits for the navigation. */
    public void login(String baseUrl, String username, String password) {
        go(baseUrl + "#/dashboard");
        await("#login-username").sendKeys(username);
        await("#login-password").sendKeys(password);
        await("#login-submit").click();
        await("#nav-cluster");
    }

    /** Saves a screenshot as {@code target/screenshots/<name>.png} and returns its path. */
    public Path screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(file, png);
        return file;
    }

    @Override
    public void close() throws Exception {
        try {
            driver.quit();
        } finally {
            io.apogee.testsupport.TempDirs.delete(profile);
        }
    }
}
