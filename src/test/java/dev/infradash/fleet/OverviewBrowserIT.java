package dev.infradash.fleet;

import static dev.infradash.testsupport.PrometheusStack.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.infradash.testsupport.Browser;
import dev.infradash.testsupport.GpuExporterStub.Dialect;
import dev.infradash.testsupport.GpuExporterStub.Gpu;
import dev.infradash.testsupport.PrometheusStack.Exporter;
import dev.infradash.testsupport.PrometheusStackExtension;
import dev.infradash.testsupport.Screenshots;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole product in a real browser: Chromium opens the overview of the app, which runs
 * against a real Prometheus scraping a real node_exporter and a GPU exporter stub. Login is
 * required (the default): every test starts on the login view and logs in as admin.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OverviewBrowserIT {

    private static final Gpu GPU =
            new Gpu("GPU-5e6f0000-0000-0000-0000-000000000001", "NVIDIA L40S", 25, 10e9, 48e9, 61, 150);
    private static final String ADMIN_PASSWORD = "browser-test-admin-password";

    @RegisterExtension
    static final PrometheusStackExtension prometheus = PrometheusStackExtension.with(
                    b -> b.nodeExporters(1).gpuExporter(Dialect.DCGM, GPU))
            .then(stack -> {
                stack.writeTargets(List.of(
                        server("ai", "gpu", "AI Server", Exporter.NODE, stack.nodeExporterHostPort(0)),
                        server(
                                "ai",
                                "gpu",
                                "AI Server",
                                Exporter.GPU,
                                stack.gpuExporter(0).hostPort()),
                        server("app", "proxmox", "App Server", Exporter.NODE, stack.nodeExporterHostPort(0)),
                        server("storage", "storage", "Storage Server", Exporter.NODE, stack.nodeExporterHostPort(0))));
                stack.awaitTargetsUp(4, Duration.ofSeconds(30));
            });

    @LocalServerPort
    int port;

    @Autowired
    FleetSnapshotPublisher snapshots;

    @DynamicPropertySource
    static void app(DynamicPropertyRegistry registry) {
        prometheus.app(registry);
        registry.add("infradash.security.admin-password", () -> ADMIN_PASSWORD);
        // two cards per page for three servers: the third comes only through the "show more" path
        registry.add("infradash.ui.overview.page-size", () -> 2);
    }

    private String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** Opens the overview, which sends an anonymous browser to the login view, and logs in. */
    private void openAndLogIn(WebDriver driver, String password) {
        Browser.openAndLogIn(driver, url(), "admin", password);
    }

    private static String text(WebDriver driver, String css) {
        return driver.findElements(By.cssSelector(css)).stream()
                .findFirst()
                .map(e -> e.getText())
                .orElse("");
    }

    @Test
    void aCardValueChangesByPushWithoutReload() {
        ChromeDriver driver = Browser.start(1280, 900);
        try {
            openAndLogIn(driver, ADMIN_PASSWORD);
            String temperature = "[data-server=ai] [data-stat=gpu-temperature]";
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> text(driver, temperature).equals("61 °C"));
            assertThat(text(driver, "[data-server=ai] .server-name")).isEqualTo("AI Server");
            assertThat(text(driver, "[data-server=ai] .server-health")).isEqualTo("UP");
            assertThat(text(driver, "[data-server=ai] .gpu-model")).isEqualTo("NVIDIA L40S");
            ((JavascriptExecutor) driver).executeScript("window.infradashMarker = 'same page';");

            prometheus.stack().gpuExporter(0).update(0, gpu -> gpu.withTemperatureC(77));

            await().atMost(Duration.ofSeconds(15))
                    .until(() -> text(driver, temperature).equals("77 °C"));
            assertThat(((JavascriptExecutor) driver).executeScript("return window.infradashMarker"))
                    .as("the value arrived by push, not by a reload")
                    .isEqualTo("same page");
            assertThat(driver.findElement(By.cssSelector(temperature)).getAttribute("class"))
                    .as("77 °C is past the default 75 °C warning")
                    .contains("warning");
            Screenshots.save(driver, "overview-light-desktop");

            driver.findElement(By.id("theme-toggle")).click();
            await().atMost(Duration.ofSeconds(5))
                    .until(
                            () -> "dark"
                                    .equals(
                                            ((JavascriptExecutor) driver)
                                                    .executeScript(
                                                            "return document.documentElement.getAttribute('theme') || document.body.getAttribute('theme')")));
            driver.manage().window().setSize(new Dimension(375, 812));
            Long overflow = (Long) ((JavascriptExecutor) driver)
                    .executeScript(
                            "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow).as("no horizontal scrolling at 375 px").isLessThanOrEqualTo(0L);
            Screenshots.save(driver, "overview-dark-phone");
        } finally {
            driver.quit();
        }
    }

    @Test
    void theNextPageOfCardsLoadsByItselfWhenItsButtonComesIntoViewAndTheSummaryCountsAll() {
        ChromeDriver driver = Browser.start(1280, 900);
        try {
            openAndLogIn(driver, ADMIN_PASSWORD);
            // page size 2: storage's card exists only if the button, in view, pressed itself
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !driver.findElements(By.cssSelector("[data-server=storage]"))
                            .isEmpty());
            assertThat(driver.findElements(By.cssSelector(".server-card"))).hasSize(3);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !driver.findElement(By.id("show-more")).isDisplayed());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> text(driver, ".fleet-counts").startsWith("3 servers · 3 up"));
        } finally {
            driver.quit();
        }
    }

    @Test
    void prometheusRequestsPerCycleAreTheSameForOneAndFiveTabs() {
        ChromeDriver driver = Browser.start(1024, 768);
        try {
            openAndLogIn(driver, ADMIN_PASSWORD);
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            !text(driver, "[data-server=ai] .server-health").isEmpty());
            double oneTab = requestsPerCycle();
            for (int i = 0; i < 4; i++) {
                driver.switchTo().newWindow(WindowType.TAB);
                driver.get(url());
                await().atMost(Duration.ofSeconds(30))
                        .until(() ->
                                !text(driver, "[data-server=ai] .server-health").isEmpty());
            }
            assertThat(snapshots.subscriberCount()).isGreaterThanOrEqualTo(5);
            double fiveTabs = requestsPerCycle();
            System.out.printf("Prometheus API requests per cycle: 1 tab %.2f, 5 tabs %.2f%n", oneTab, fiveTabs);
            assertThat(oneTab).isEqualTo(2.0);
            assertThat(fiveTabs).isEqualTo(oneTab);
            // issue 15: the sparklines are drawn from the collector's snapshots, not asked for
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !driver.findElements(By.cssSelector("[data-server=ai] .sparkline svg polyline"))
                            .isEmpty());
            assertThat(requestsPerCycle()).as("with sparklines in five tabs").isEqualTo(oneTab);
        } finally {
            driver.quit();
        }
    }

    @Test
    void loginShowsTheUserAndLogoutReturnsToTheLoginView() {
        ChromeDriver driver = Browser.start(1280, 900);
        try {
            openAndLogIn(driver, "not-the-admin-password");
            await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(() -> driver.getCurrentUrl().endsWith("/login?error")
                            && "true"
                                    .equals(driver.findElement(By.tagName("vaadin-login-form"))
                                            .getDomProperty("error")));

            openAndLogIn(driver, ADMIN_PASSWORD);
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            !text(driver, "[data-server=ai] .server-health").isEmpty());
            assertThat(driver.getCurrentUrl()).doesNotContain("login");
            assertThat(text(driver, "#current-user")).isEqualTo("admin");

            driver.findElement(By.id("logout")).click();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> driver.getCurrentUrl().endsWith("/login"));
            driver.get(url());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> driver.getCurrentUrl().endsWith("/login"));
        } finally {
            driver.quit();
        }
    }

    /**
     * Requests Prometheus served over whole collector cycles, counted by Prometheus itself. Two
     * cycles: a viewer's own request would add at least one per cycle, so two show it as well as
     * four did, at half the wait (three measurements of 1 s cycles each).
     */
    private double requestsPerCycle() {
        long firstSequence = awaitNextCycle();
        long requestsBefore = prometheus.stack().apiRequestCount();
        long lastSequence = firstSequence;
        for (int i = 0; i < 2; i++) {
            lastSequence = awaitNextCycle();
        }
        long requests = prometheus.stack().apiRequestCount() - requestsBefore;
        return requests / (double) (lastSequence - firstSequence);
    }

    /** Waits for the collector to publish a new snapshot, just after which no cycle is running. */
    private long awaitNextCycle() {
        long current = snapshots.current().sequence();
        return await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> snapshots.current().sequence(), sequence -> sequence > current);
    }
}
