package dev.infradash.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven by Debian's chromedriver, with the flags STACK.md found
 * necessary here: no sandbox (root), no background networking (no traffic off this machine),
 * a fresh profile per browser.
 */
public final class Browser {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Browser() {}

    public static ChromeDriver start(int width, int height) {
        return start(width, height, null);
    }

    /**
     * A browser in the given time zone (e.g. "Europe/Berlin"), as an admin elsewhere than the
     * server sees the app: chromedriver passes its TZ on to Chromium. Null keeps the machine's.
     */
    public static ChromeDriver start(int width, int height, @org.jspecify.annotations.Nullable String timeZone) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Chromium not found: apt-get install -y chromium chromium-driver");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("infradash-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
                "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height);
        // An explicit driver path keeps Selenium Manager from trying to download one.
        ChromeDriverService.Builder builder = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort();
        if (timeZone != null) {
            builder.withEnvironment(java.util.Map.of("TZ", timeZone));
        }
        ChromeDriverService service = builder.build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    /** Opens {@code url}, which sends an anonymous browser to the login view, and logs in there. */
    public static void openAndLogIn(
            org.openqa.selenium.WebDriver driver, String url, String username, String password) {
        driver.get(url);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> driver.getCurrentUrl().contains("/login")
                        && !driver.findElements(org.openqa.selenium.By.cssSelector("#vaadinLoginUsername input"))
                                .isEmpty());
        // the input exists before the login form takes keys (seen under load: "element not
        // interactable"): retry until it does; select-all first, so a retry replaces, never appends
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptionsInstanceOf(org.openqa.selenium.ElementNotInteractableException.class)
                .until(() -> {
                    driver.findElement(org.openqa.selenium.By.cssSelector("#vaadinLoginUsername input"))
                            .sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), username);
                    return true;
                });
        driver.findElement(org.openqa.selenium.By.cssSelector("#vaadinLoginPassword input"))
                .sendKeys(password, org.openqa.selenium.Keys.ENTER);
    }
}
