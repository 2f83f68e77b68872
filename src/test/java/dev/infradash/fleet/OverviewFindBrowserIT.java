package dev.infradash.fleet;

import static dev.infradash.testsupport.PrometheusStack.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.testsupport.Browser;
import dev.infradash.testsupport.FillingDiskExporterStub;
import dev.infradash.testsupport.PrometheusStack.Exporter;
import dev.infradash.testsupport.PrometheusStack.TargetGroup;
import dev.infradash.testsupport.PrometheusStackExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 15's overview defects and find-and-compare in a real Chromium against a real Prometheus:
 * card order after later pages, Back from a detail view, the search in the URL and the browser,
 * readable warning values, and a down card that stands out. Eight servers, two cards per page.
 * The last test stops an exporter, so it runs last.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OverviewFindBrowserIT {

    private static final String ADMIN_PASSWORD = "find-browser-test-admin-password";
    /** In the targets file's order; all up at first. */
    private static final List<String> SERVERS = List.of("s01", "s02", "s03", "s04", "s05", "s06", "s07", "lost");

    /**
     * The fault on demand behind the disk-full forecast: s01's /data loses space at a steady rate and
     * is full 3 days after the stack starts. Served beside s01's real node_exporter.
     */
    private static final FillingDiskExporterStub FILLING =
            FillingDiskExporterStub.start("/data", 100e9, 30e9, Duration.ofDays(3));

    @RegisterExtension
    static final PrometheusStackExtension prometheus = PrometheusStackExtension.with(b -> b.nodeExporters(2)
                    // no filesystems but the stub's: the machine's real disks, filled by the build
                    // itself, were forecast full sooner than /data over the 1 m window, so the card and
                    // the detail view showed "/ full in ~N hours" instead (why the forecast test flaked)
                    .nodeExporterArgs("--no-collector.systemd", "--no-collector.filesystem"))
            .then(stack -> {
                List<TargetGroup> groups = new ArrayList<>();
                for (String id : SERVERS) {
                    boolean lost = id.equals("lost");
                    groups.add(server(
                            id,
                            id.compareTo("s04") < 0 ? "web" : "storage",
                            "Server " + id,
                            Exporter.NODE,
                            stack.nodeExporterHostPort(lost ? 1 : 0)));
                }
                groups.add(server("s01", "web", "Server s01", Exporter.OTHER, FILLING.hostPort()));
                stack.writeTargets(groups);
                stack.awaitTargetsUp(SERVERS.size() + 1, Duration.ofSeconds(60));
            });

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void app(DynamicPropertyRegistry registry) {
        prometheus.app(registry);
        registry.add("infradash.security.admin-password", () -> ADMIN_PASSWORD);
        registry.add("infradash.ui.overview.page-size", () -> 2);
        // a young stack has minutes, not the default 6 h, of the filling disk's trend
        registry.add("infradash.forecast-window", () -> "1m");
        // every memory value is a warning: its text colour is what the contrast test reads
        registry.add("infradash.ui.thresholds.memory.warning", () -> 1);
        registry.add("infradash.ui.thresholds.memory.critical", () -> 99.99);
    }

    private String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    private static Object js(WebDriver driver, String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    @SuppressWarnings("unchecked")
    private static List<String> cardOrder(WebDriver driver) {
        return (List<String>)
                js(driver, "return [...document.querySelectorAll('.server-card')].map(c => c.dataset.server)");
    }

    private static void scrollTo(WebDriver driver, long top) {
        js(
                driver,
                OverviewView.SCROLLER + "scroller(document.querySelector('.overview')).scrollTop = arguments[0]",
                top);
    }

    private static long scrollTop(WebDriver driver) {
        return ((Number) js(
                        driver,
                        OverviewView.SCROLLER + "return scroller(document.querySelector('.overview')).scrollTop"))
                .longValue();
    }

    private ChromeDriver loggedIn(int width, int height) {
        ChromeDriver driver = Browser.start(width, height);
        Browser.openAndLogIn(driver, url(), "admin", ADMIN_PASSWORD);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !driver.findElements(By.cssSelector(".server-card .server-health"))
                                .isEmpty()
                        && !driver.findElement(By.cssSelector(".server-card .server-health"))
                                .getText()
                                .isEmpty());
        return driver;
    }

    /** Issue 15: after the second page loaded, the first cards showed reversed until a reload. */
    @Test
    @Order(1)
    void cardsKeepTheFleetsOrderWhenLaterPagesLoad() {
        ChromeDriver driver = loggedIn(1280, 900);
        try {
            // two cards per page: the button presses itself as it nears the viewport, page after page
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                scrollTo(driver, 1_000_000);
                assertThat(cardOrder(driver)).containsExactlyElementsOf(SERVERS);
            });
            driver.findElement(By.id("show-more")); // still in the DOM, hidden
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(cardOrder(driver)).containsExactlyElementsOf(SERVERS));
        } finally {
            driver.quit();
        }
    }

    /** Issue 15: Back from a detail view landed at the top with only the first page of cards. */
    @Test
    @Order(2)
    void backFromADetailViewRestoresTheLoadedCardsAndTheScrollPosition() {
        ChromeDriver driver = loggedIn(420, 700);
        try {
            // one column: scrolling to the bottom again and again loads every page
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                scrollTo(driver, 1_000_000);
                return cardOrder(driver).size() == SERVERS.size();
            });
            scrollTo(driver, 1_000_000);
            assertThat(scrollTop(driver)).as("the page scrolled").isGreaterThan(1000);

            WebElement name = driver.findElement(By.cssSelector("[data-server=s07] a.server-link"));
            js(driver, "arguments[0].scrollIntoView({block: 'center'})", name);
            long before = scrollTop(driver);
            name.click();
            await().atMost(Duration.ofSeconds(40))
                    .until(() -> driver.getCurrentUrl().contains("/servers/s07"));

            System.out.println("remembered for Back: "
                    + js(driver, "return sessionStorage.getItem(arguments[0])", OverviewView.BACK));
            driver.navigate().back();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !driver.getCurrentUrl().contains("/servers/"));
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(cardOrder(driver)).hasSize(SERVERS.size()));
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(scrollTop(driver)).isBetween(before - 60, before + 60));
        } finally {
            driver.quit();
        }
    }

    @Test
    @Order(3)
    void theSearchNarrowsTheCardsAndLivesInTheUrlAndInTheBrowser() {
        ChromeDriver driver = loggedIn(1280, 900);
        try {
            WebElement search = driver.findElement(By.cssSelector("#fleet-search input"));
            long start = System.nanoTime();
            search.sendKeys("s03");
            await().atMost(Duration.ofSeconds(5)).until(() -> cardOrder(driver).equals(List.of("s03")));
            System.out.printf("search narrowed the cards in %d ms%n", (System.nanoTime() - start) / 1_000_000);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> driver.getCurrentUrl().endsWith("/?q=s03"));

            driver.navigate().refresh();
            await().atMost(Duration.ofSeconds(30)).until(() -> cardOrder(driver).equals(List.of("s03")));

            // a plain visit gets this browser's last choice; and the table view by URL
            driver.get(url());
            await().atMost(Duration.ofSeconds(30)).until(() -> cardOrder(driver).equals(List.of("s03")));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> driver.getCurrentUrl().endsWith("/?q=s03"));

            driver.get(url() + "?role=storage&view=table");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !driver.findElements(By.cssSelector("#fleet-table a.table-server"))
                            .isEmpty());
            assertThat(cardOrder(driver)).isEmpty();
            @SuppressWarnings("unchecked")
            List<String> rows = (List<String>) js(
                    driver,
                    "return [...document.querySelectorAll('#fleet-table a.table-server')].map(a => a.textContent)");
            assertThat(rows).containsExactlyInAnyOrder("Server s04", "Server s05", "Server s06", "Server s07");
        } finally {
            driver.quit();
        }
    }

    /** WCAG contrast of the first warning value's text on the first opaque background behind it. */
    private static double warningContrast(WebDriver driver) {
        @SuppressWarnings("unchecked")
        List<String> colours = (List<String>) js(driver, """
                const value = document.querySelector('.metric-bar.warning .metric-value');
                let el = value, bg = 'rgb(255, 255, 255)';
                for (; el; el = el.parentElement || (el.getRootNode() && el.getRootNode().host)) {
                  const c = getComputedStyle(el).backgroundColor;
                  if (c !== 'transparent' && !/rgba\\(.*, 0\\)$/.test(c)) { bg = c; break; }
                }
                return [getComputedStyle(value).color, bg];""");
        System.out.println("warning text " + colours.get(0) + " on " + colours.get(1));
        double a = luminance(colours.get(0));
        double b = luminance(colours.get(1));
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    private static double luminance(String cssColour) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[\\d.]+").matcher(cssColour);
        double[] weights = {0.2126, 0.7152, 0.0722};
        double sum = 0;
        for (int i = 0; i < 3 && m.find(); i++) {
            double v = Double.parseDouble(m.group()) / 255;
            sum += weights[i] * (v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
        }
        return sum;
    }

    /** Issue 15: warning values were yellow on white, about 1.5:1. */
    @Test
    @Order(4)
    void warningValuesReachWcagAaContrastInLightAndDark() {
        ChromeDriver driver = loggedIn(1280, 900);
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !driver.findElements(By.cssSelector(".metric-bar.warning .metric-value"))
                            .isEmpty());
            double light = warningContrast(driver);
            driver.findElement(By.id("theme-toggle")).click();
            await().atMost(Duration.ofSeconds(5))
                    .until(
                            () -> "dark"
                                    .equals(
                                            js(
                                                    driver,
                                                    "return document.documentElement.getAttribute('theme') || document.body.getAttribute('theme')")));
            double dark = warningContrast(driver);
            System.out.printf("warning text contrast: light %.2f:1, dark %.2f:1%n", light, dark);
            assertThat(light).isGreaterThanOrEqualTo(4.5);
            assertThat(dark).isGreaterThanOrEqualTo(4.5);
        } finally {
            driver.quit();
        }
    }

    /** Issue 15: the stale style greyed the DOWN badge, so a down card was the least visible. */
    @Test
    @Order(5)
    void aDownCardComesFirstAndItsBadgeIsNeitherFadedNorGreyed() {
        ChromeDriver driver = loggedIn(1280, 900);
        try {
            prometheus.stack().stopNodeExporter(1);
            await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(() -> "DOWN"
                            .equals(driver.findElement(By.cssSelector("[data-server=lost] .server-health"))
                                    .getText()));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "lost".equals(cardOrder(driver).get(0)));
            assertThat(driver.findElement(By.cssSelector("[data-server=lost]")).getAttribute("class"))
                    .contains("stale")
                    .contains("down");
            String look = (String) js(driver, """
                    let el = document.querySelector('[data-server=lost] .server-health'), opacity = 1, filters = [];
                    for (; el; el = el.parentElement) {
                      const s = getComputedStyle(el);
                      opacity *= Number(s.opacity);
                      if (s.filter !== 'none') filters.push(s.filter);
                    }
                    return opacity + ' ' + filters.join(',');""");
            assertThat(look)
                    .as("effective opacity and filters from the badge up")
                    .isEqualTo("1 ");
        } finally {
            prometheus.stack().startNodeExporter(1);
            driver.quit();
        }
    }

    @AfterAll
    static void stopFillingDisk() {
        FILLING.close();
    }

    /**
     * Issue 15: the disk-full forecast for a filesystem that really fills up, scraped by the real
     * Prometheus: in /api/servers (fullInSeconds), on the card (under 7 days) and in the detail view
     * (over the chosen window).
     */
    @Test
    @Order(6)
    void aFillingDiskIsForecastInTheApiOnTheCardAndInTheDetailView() throws Exception {
        ChromeDriver driver = loggedIn(1280, 900);
        try {
            double expected = Duration.between(Instant.now(), FILLING.fullAt()).toSeconds();
            await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(() -> "/data full in ~3 days"
                            .equals(driver.findElement(By.cssSelector("[data-server=s01] .disk-forecast"))
                                    .getText()));
            assertThat(driver.findElement(By.cssSelector("[data-server=s01] .disk-forecast"))
                            .getAttribute("data-mountpoint"))
                    .isEqualTo("/data");
            // No negative check on the other servers here: their node_exporter reports this machine's
            // real disks, which a build filling target/ may well be growing over the 1 m window
            // (CI saw one). DiskForecastTest shows a card without a fill within a week shows nothing.

            driver.get(url() + "api/servers");
            JsonNode servers = new ObjectMapper()
                    .readTree(driver.findElement(By.tagName("pre")).getText());
            JsonNode data = null;
            for (JsonNode server : servers.path("servers").isArray() ? servers.path("servers") : servers) {
                if ("s01".equals(server.path("id").asText())) {
                    for (JsonNode fs : server.path("filesystems")) {
                        if ("/data".equals(fs.path("mountpoint").asText())) {
                            data = fs;
                        }
                    }
                }
            }
            assertThat(data).as("s01's /data in /api/servers").isNotNull();
            System.out.printf(
                    "filling /data: fullInSeconds %.0f, expected ~%.0f%n",
                    data.path("fullInSeconds").asDouble(), expected);
            assertThat(data.path("fullInSeconds").asDouble()).isBetween(expected * 0.9, expected * 1.1);
            assertThat(data.path("sizeBytes").asDouble()).isEqualTo(100e9);

            driver.get(url() + "servers/s01?range=15m");
            await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(() -> driver.findElement(By.cssSelector(".filesystem-forecast"))
                            .getText()
                            .startsWith("/data full in ~3 days"));
        } finally {
            driver.quit();
        }
    }
}
