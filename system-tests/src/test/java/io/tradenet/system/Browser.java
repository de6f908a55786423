package io.tradenet.system;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * Debian's headless Chromium driven through its chromedriver (packages chromium and chromium-driver,
 * which .ci/run installs), one fresh profile per browser, loopback only: background networking,
 * component updates and sync are off so that the browser makes no connection of its own. Screenshots go
 * to target/screenshots as build output.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("tradenet.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("tradenet.chromedriver", "/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    Browser() {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): apt-get install -y chromium chromium-driver (.ci/run does)");
        }
        try {
            profile = Files.createTempDirectory("tradenet-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort()
                .withLogOutput(System.err).withSilent(true).build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    void open(String url) {
        driver.get(url);
    }

    /** Signs in on the page's form by pasting the party's token, as a person would. */
    void signIn(String pageUrl, String token) {
        open(pageUrl);
        WebElement box = await(By.id("token"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", box, token);
        driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        await(By.id("party"));
    }

    WebElement await(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    boolean present(By by) {
        return !driver.findElements(by).isEmpty();
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** Marks the current document, so that a test can show a later change happened without a reload. */
    void markDocument() {
        ((JavascriptExecutor) driver).executeScript("window.__tradenetNoReload = true;");
    }

    boolean sameDocument() {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript("return window.__tradenetNoReload === true;"));
    }

    /** Runs an asynchronous script in the page: it gets {@code args} and calls its last argument with the result. */
    Object runAsync(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    void phoneSized() {
        driver.manage().window().setSize(new Dimension(390, 844));
    }

    void laptopSized() {
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    /** Saves a screenshot of the page as it is now to target/screenshots/{name}.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path to = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), to, StandardCopyOption.REPLACE_EXISTING);
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the page wrote to the browser console (errors included) since the last call. */
    String console() {
        StringBuilder out = new StringBuilder();
        driver.manage().logs().get("browser").forEach(entry -> out.append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n'));
        return out.toString();
    }

    String text() {
        return driver.findElement(By.tagName("main")).getText();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
