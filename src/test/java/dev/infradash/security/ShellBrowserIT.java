package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.infradash.targets.Actor;
import dev.infradash.targets.ExporterDefinition;
import dev.infradash.targets.ExporterKind;
import dev.infradash.targets.ServerDefinition;
import dev.infradash.targets.TargetFileStore;
import dev.infradash.testsupport.Browser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 15 in Chromium: the login page, the theme, and Settings on a phone, as a new user met them.
 */
class ShellBrowserIT extends SecuredApp {

    private static final String USER = "shell-viewer";
    private static final String PASSWORD = "shell-viewer-password";

    @Autowired
    TargetFileStore targets;

    @BeforeEach
    void users() {
        ensureUser(USER, PASSWORD, Role.VIEWER);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static Object js(ChromeDriver driver, String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    private static boolean dark(ChromeDriver driver) {
        return Boolean.TRUE.equals(
                js(driver, "return /(^| )dark( |$)/.test(document.documentElement.getAttribute('theme') || '')"));
    }

    private static void prefersColorScheme(ChromeDriver driver, String scheme) {
        driver.executeCdpCommand(
                "Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    private static void awaitLoginForm(ChromeDriver driver) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !driver.findElements(By.cssSelector("#vaadinLoginUsername input"))
                        .isEmpty());
    }

    /**
     * The error pages are drawn by the browser (views are no longer built on the page request):
     * a refused and an unknown address show their explanation inside the layout.
     */
    @Test
    void refusedAndUnknownAddressesShowTheirPageInsideTheLayout() {
        ChromeDriver driver = Browser.start(1280, 900);
        try {
            Browser.openAndLogIn(driver, url("/settings"), USER, PASSWORD);
            for (var page : Map.of("/settings", "No access", "/no-such-page", "Page not found")
                    .entrySet()) {
                driver.get(url(page.getKey()));
                await().atMost(Duration.ofSeconds(30))
                        .ignoreException(org.openqa.selenium.StaleElementReferenceException.class)
                        .untilAsserted(() -> assertThat(driver.findElements(By.id("error-heading")))
                                .as(page.getKey())
                                .singleElement()
                                .satisfies(
                                        heading -> assertThat(heading.getText()).isEqualTo(page.getValue())));
                assertThat(driver.findElements(By.id("theme-toggle")))
                        .as("the layout around it")
                        .hasSize(1);
                assertThat(driver.findElements(By.id("error-back")))
                        .as("a way back")
                        .hasSize(1);
            }
        } finally {
            driver.quit();
        }
    }

    @Test
    void theLoginFormIsCentredAndKeepsTheUsernameAfterAFailure() {
        ChromeDriver driver = Browser.start(1280, 900);
        try {
            driver.get(url("/login"));
            awaitLoginForm(driver);
            WebElement form = driver.findElement(By.tagName("vaadin-login-form"));
            double centre = form.getRect().getX() + form.getRect().getWidth() / 2.0;
            assertThat(centre).as("horizontally centred on a 1280 px screen").isBetween(600.0, 680.0);
            assertThat(form.getRect().getY()).as("not glued to the top").isGreaterThan(40);

            driver.findElement(By.cssSelector("#vaadinLoginUsername input")).sendKeys(USER);
            driver.findElement(By.cssSelector("#vaadinLoginPassword input")).sendKeys("not-the-password", Keys.ENTER);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> driver.getCurrentUrl().contains("error"));
            awaitLoginForm(driver);
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            USER.equals(js(driver, "return document.querySelector('#vaadinLoginUsername').value")));
        } finally {
            driver.quit();
        }
    }

    @Test
    void theLockoutCountdownTicks() {
        ChromeDriver driver = Browser.start(1280, 900);
        try {
            driver.get(url("/login?locked=3"));
            awaitLoginForm(driver);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> driver.findElement(By.id("lockout-countdown"))
                            .getText()
                            .contains("in 2 s"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> driver.findElement(By.id("lockout-countdown"))
                            .getText()
                            .equals("You can try again now."));
        } finally {
            driver.quit();
        }
    }

    @Test
    void theThemeFollowsTheSystemUntilPickedAndIsThenRemembered() {
        ChromeDriver driver = Browser.start(1280, 900);
        try {
            prefersColorScheme(driver, "dark");
            Browser.openAndLogIn(driver, url("/"), USER, PASSWORD);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !driver.findElements(By.id("theme-toggle")).isEmpty());
            assertThat(dark(driver)).as("the system prefers dark").isTrue();

            prefersColorScheme(driver, "light");
            await().atMost(Duration.ofSeconds(5)).until(() -> !dark(driver));

            driver.findElement(By.id("theme-toggle")).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> dark(driver));

            // a new session (logged out, cookies gone) in the same browser: the choice stays
            driver.manage().deleteAllCookies();
            Browser.openAndLogIn(driver, url("/"), USER, PASSWORD);
            assertThat(dark(driver)).as("the login page too").isTrue();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !driver.findElements(By.id("theme-toggle")).isEmpty());
            assertThat(dark(driver)).as("picked dark beats the system's light").isTrue();
        } finally {
            driver.quit();
        }
    }

    @Test
    void settingsFitAPhoneWithoutScrollingSideways() {
        asUser("admin", Role.ADMIN, () -> {
            for (int i = 1; i <= 3; i++) {
                ServerDefinition server = new ServerDefinition(
                        "gpu-node-" + i,
                        "GPU training node number " + i,
                        "training",
                        List.of(
                                new ExporterDefinition(ExporterKind.NODE, "10.20.30." + i, 9100),
                                new ExporterDefinition(ExporterKind.GPU, "10.20.30." + i, 9400)),
                        Map.of("rack", "r" + i, "datacenter", "fra-" + i));
                var current = targets.load();
                if (current.value().stream().noneMatch(s -> s.id().equals(server.id()))) {
                    targets.add(server, current.version(), new Actor("admin", "127.0.0.1"));
                }
            }
        });
        ChromeDriver driver = Browser.start(375, 812);
        try {
            // headless Chromium keeps a window at least 500 px wide: emulate the phone's viewport instead
            driver.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", 375, "height", 812, "deviceScaleFactor", 1, "mobile", true));
            Browser.openAndLogIn(driver, url("/settings"), "admin", ADMIN_PASSWORD);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !driver.findElements(By.id("add-server")).isEmpty());
            assertThat(((Number) js(driver, "return window.innerWidth")).intValue())
                    .isEqualTo(375);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !driver.findElements(By.cssSelector("[data-edit='gpu-node-1']"))
                            .isEmpty());
            String overflow = """
                    const grids = [...document.querySelectorAll('vaadin-grid')].map(grid => {
                      const table = grid.shadowRoot.querySelector('#table');
                      return table.scrollWidth - table.clientWidth;
                    });
                    return Math.max(document.documentElement.scrollWidth - document.documentElement.clientWidth,
                        ...grids);
                    """;
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(((Number) js(driver, overflow)).longValue())
                            .as("no grid and no page scrolls sideways at 375 px")
                            .isLessThanOrEqualTo(0L));
            for (String action : List.of("[data-edit='gpu-node-1']", "[data-delete='gpu-node-1']")) {
                // the grid redraws its rows when a snapshot arrives: find the button again if it went stale
                await().atMost(Duration.ofSeconds(10))
                        .ignoreException(StaleElementReferenceException.class)
                        .untilAsserted(() -> {
                            WebElement button = driver.findElement(By.cssSelector(action));
                            assertThat(button.getRect().getX()
                                            + button.getRect().getWidth())
                                    .as(action + " on screen")
                                    .isLessThanOrEqualTo(375);
                        });
            }
        } finally {
            driver.quit();
        }
    }

    @Test
    void anErrorUnderOneExporterFieldDoesNotMoveTheOthers() {
        ChromeDriver driver = Browser.start(1280, 900);
        try {
            Browser.openAndLogIn(driver, url("/settings"), "admin", ADMIN_PASSWORD);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !driver.findElements(By.id("add-server")).isEmpty());
            // the page may still be settling after the login redirect: click until the form opens
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                if (driver.findElements(By.cssSelector("#server-id input")).isEmpty()) {
                    driver.findElement(By.id("add-server")).click();
                }
                return !driver.findElements(By.cssSelector("#server-id input")).isEmpty();
            });
            driver.findElement(By.cssSelector("#server-id input")).sendKeys("row-test");
            driver.findElement(By.cssSelector("#server-display-name input")).sendKeys("Row test");
            driver.findElement(By.cssSelector(".exporter-host input")).sendKeys("256.1.1.1");
            WebElement remove = driver.findElement(By.cssSelector(".exporter-row vaadin-button"));
            WebElement hostInput = driver.findElement(By.cssSelector(".exporter-host input"));
            int inputTop = hostInput.getRect().getY();
            // offsets from the host input: the dialog itself re-centres when its content grows
            int portOffset = offsetFromHost(driver, ".exporter-port input");
            int removeOffset = offsetFromHost(driver, ".exporter-row vaadin-button");
            int removeTop = remove.getRect().getY();
            int inputBottom = inputTop + hostInput.getRect().getHeight();
            int removeMiddle = removeTop + remove.getRect().getHeight() / 2;
            System.out.printf(
                    "exporter row: input %d-%d, remove button middle %d%n", inputTop, inputBottom, removeMiddle);
            assertThat(removeMiddle)
                    .as("the remove button sits beside the inputs")
                    .isBetween(inputTop, inputBottom);

            driver.findElement(By.id("server-save")).click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            driver.findElement(By.cssSelector(".exporter-host")).getAttribute("invalid") != null);
            // the error message fades in: judge the layout once it has settled
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(offsetFromHost(driver, ".exporter-port input"))
                            .as("the port field stays level with the host field")
                            .isEqualTo(portOffset));
            assertThat(offsetFromHost(driver, ".exporter-row vaadin-button"))
                    .as("and so does the remove button")
                    .isEqualTo(removeOffset);
        } finally {
            driver.quit();
        }
    }

    private static int offsetFromHost(ChromeDriver driver, String css) {
        return driver.findElement(By.cssSelector(css)).getRect().getY()
                - driver.findElement(By.cssSelector(".exporter-host input"))
                        .getRect()
                        .getY();
    }
}
