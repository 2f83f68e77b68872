package dev.infradash.base.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.infradash.testsupport.Browser;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The chart component in headless Chromium on the test-only route {@code test/chart}
 * ({@link ChartTestView}). No Prometheus: the collector points at a closed loopback port and
 * fails harmlessly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApexChartBrowserIT {

    /** Facts about the chart, read fresh each time: ApexCharts replaces its SVG on updates. */
    private static final String PROBE = """
            const el = document.getElementById('chart');
            const root = el && el.shadowRoot;
            const svg = root && root.querySelector('svg');
            const label = t => (t.querySelector('tspan') || t).textContent;
            const series = svg ? [...svg.querySelectorAll('.apexcharts-series[seriesName]')] : [];
            return {
              attached: !!el,
              instance: !!(el && el.chart),
              svgCount: root ? root.querySelectorAll('svg').length : 0,
              tooltipCount: root ? root.querySelectorAll('.apexcharts-tooltip').length : 0,
              series: series.map(s => { const p = s.querySelector('path[d]');
                  return p ? p.getAttribute('d').length : 0; }),
              points: el && el.chart ? el.chart.w.config.series.map(s => s.data.length) : [],
              xLabels: svg ? [...svg.querySelectorAll('.apexcharts-xaxis-texts-g text')].map(label) : [],
              yLabels: svg ? [...svg.querySelectorAll('.apexcharts-yaxis-texts-g text')].map(label) : [],
              legend: root ? [...root.querySelectorAll('.apexcharts-legend-text')].map(label) : [],
              mode: el && el.chart ? el.chart.w.config.theme.mode : null,
              labelFill: svg && svg.querySelector('.apexcharts-xaxis-texts-g text')
                  ? svg.querySelector('.apexcharts-xaxis-texts-g text').getAttribute('fill') : null,
              svgWidth: svg ? svg.getBoundingClientRect().width : 0,
              pwned: !!window.__pwned
            };
            """;

    private static Path targetsFile;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        targetsFile = Files.createTempFile("infradash-chart-targets", ".json");
        Files.writeString(targetsFile, "[]");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        registry.add("vaadin.devmode.devTools.enabled", () -> "false");
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("infradash.prometheus.url", () -> "http://127.0.0.1:" + closedPort);
        registry.add("infradash.targets.file", () -> targetsFile.toString());
        registry.add(
                "infradash.data.dir",
                () -> targetsFile
                        .resolveSibling(targetsFile.getFileName() + "-data")
                        .toString());
        registry.add(
                "infradash.alerting.rule-file",
                () -> targetsFile
                        .resolveSibling(targetsFile.getFileName() + "-rules/infradash-managed.yml")
                        .toString());
    }

    @AfterAll
    static void cleanUp() throws IOException {
        Files.deleteIfExists(targetsFile);
    }

    private static ChromeDriver driver;

    @BeforeAll
    static void startBrowser() {
        driver = Browser.start(1280, 1000);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> probe() {
        return (Map<String, Object>) ((JavascriptExecutor) driver).executeScript(PROBE);
    }

    @SuppressWarnings("unchecked")
    private static List<Long> longs(Map<String, Object> probe, String key) {
        return (List<Long>) probe.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Map<String, Object> probe, String key) {
        return (List<String>) probe.get(key);
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    @Test
    void chartRendersAppendsZoomsFollowsThemeAndIsDestroyedOnDetach() {
        long started = System.nanoTime();
        driver.get("http://127.0.0.1:" + port + "/test/chart");
        // Generous first wait: the first request of a run may wait for the dev bundle.
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> longs(probe(), "series").size() == 2
                        && longs(probe(), "series").stream().allMatch(length -> length > 50));
        System.out.printf("chart rendered %d ms after navigation%n", (System.nanoTime() - started) / 1_000_000);

        Map<String, Object> initial = probe();
        System.out.println("initial probe: " + initial);
        assertThat(longs(initial, "points"))
                .containsExactly((long) ChartTestView.INITIAL_POINTS, (long) ChartTestView.INITIAL_POINTS);
        assertThat(strings(initial, "xLabels"))
                .as("datetime x-axis labels, not epoch numbers")
                .isNotEmpty()
                .allMatch(label -> !label.matches("\\d{6,}"))
                .anyMatch(label -> label.matches("\\d{1,2}:\\d{2}(:\\d{2})?"));
        assertThat(strings(initial, "yLabels"))
                .as("percent formatter from the unit name")
                .isNotEmpty()
                .allMatch(label -> label.matches("\\d+ %"));
        assertThat(strings(initial, "legend"))
                .as("hostile series name is shown as text")
                .containsExactly("cpu", ChartTestView.HOSTILE);
        assertThat(initial.get("pwned")).as("no markup from a series name ran").isEqualTo(false);
        assertThat(initial.get("mode")).isEqualTo("light");
        assertThat(((Number) initial.get("svgWidth")).doubleValue())
                .as("width follows the 800px holder")
                .isBetween(700.0, 801.0);

        // gauge: the unit's formatter shows the real value, not the percentage of the scale
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> (String) ((JavascriptExecutor) driver)
                                .executeScript(
                                        "const s = document.getElementById('gauge').shadowRoot.querySelector('svg');"
                                                + "return s ? s.textContent : ''"),
                        text -> text.contains("61 °C"));

        // append: one more point per series, drawn paths get longer
        List<Long> pathsBefore = longs(initial, "series");
        driver.findElement(By.id("append")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> longs(probe(), "points")
                        .equals(List.of(ChartTestView.INITIAL_POINTS + 1L, ChartTestView.INITIAL_POINTS + 1L)));
        Map<String, Object> appended = probe();
        assertThat(longs(appended, "series").get(0)).isGreaterThan(pathsBefore.get(0));
        assertThat(longs(appended, "series").get(1)).isGreaterThan(pathsBefore.get(1));

        // resize with the layout
        ((JavascriptExecutor) driver).executeScript("document.getElementById('chart-holder').style.width = '500px'");
        await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) probe().get("svgWidth")).doubleValue() <= 501.0);

        // programmatic zoom on the instance reaches the Java ZoomEvent
        long min = ChartTestView.START + 5 * ChartTestView.STEP;
        long max = ChartTestView.START + 10 * ChartTestView.STEP;
        ((JavascriptExecutor) driver)
                .executeScript("document.getElementById('chart').chart.zoomX(arguments[0], arguments[1])", min, max);
        String expected = Instant.ofEpochMilli(min) + "/" + Instant.ofEpochMilli(max);
        await().atMost(Duration.ofSeconds(10)).until(() -> text("zoom-range").equals(expected));

        // the toolbar's reset button fires the reset event
        ((JavascriptExecutor) driver)
                .executeScript(
                        "document.getElementById('chart').shadowRoot.querySelector('.apexcharts-reset-icon').click()");
        await().atMost(Duration.ofSeconds(10)).until(() -> text("zoom-range").equals("reset"));

        // Lumo dark: the chart follows the theme attribute
        String lightFill = (String) probe().get("labelFill");
        driver.findElement(By.id("toggle-dark")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> "dark".equals(probe().get("mode")));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Object fill = probe().get("labelFill");
            return fill != null && !fill.equals(lightFill);
        });
        driver.findElement(By.id("toggle-dark")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> "light".equals(probe().get("mode")));

        // detach destroys the instance: no SVG, no tooltip left
        assertThat(((Number) probe().get("tooltipCount")).intValue()).isPositive();
        ((JavascriptExecutor) driver)
                .executeScript("window.__detached = null; const el = document.getElementById('chart');"
                        + "new MutationObserver(() => { if (!el.isConnected) window.__detached = el; })"
                        + ".observe(document.body, {childList: true, subtree: true});");
        driver.findElement(By.id("remove")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !(Boolean) probe().get("attached"));
        @SuppressWarnings("unchecked")
        Map<String, Object> detached = (Map<String, Object>) ((JavascriptExecutor) driver)
                .executeScript("const el = window.__detached; return { instance: !!el.chart,"
                        + " svg: el.shadowRoot.querySelectorAll('svg').length,"
                        + " tooltip: el.shadowRoot.querySelectorAll('.apexcharts-tooltip').length,"
                        + " global: document.querySelectorAll('.apexcharts-tooltip, .apexcharts-canvas').length };");
        assertThat(detached)
                .containsEntry("instance", (Object) false)
                .containsEntry("svg", 0L)
                .containsEntry("tooltip", 0L)
                .containsEntry("global", 0L);

        // re-attach: the server sends the whole state to the new element, history included
        driver.findElement(By.id("add")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> longs(probe(), "points")
                        .equals(List.of(ChartTestView.INITIAL_POINTS + 1L, ChartTestView.INITIAL_POINTS + 1L)));
        assertThat(probe().get("svgCount")).isNotEqualTo(0L);
    }
}
