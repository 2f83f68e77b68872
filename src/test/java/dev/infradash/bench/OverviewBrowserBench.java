package dev.infradash.bench;

import static dev.infradash.testsupport.PrometheusStack.server;

import dev.infradash.testsupport.Browser;
import dev.infradash.testsupport.GpuExporterStub.Dialect;
import dev.infradash.testsupport.GpuExporterStub.Gpu;
import dev.infradash.testsupport.PrometheusStack;
import dev.infradash.testsupport.PrometheusStack.Exporter;
import dev.infradash.testsupport.PrometheusStack.TargetGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue 15's Done-when for find and compare, in a real Chromium against the production jar with
 * N servers (500 by default) on a real Prometheus: {@code ?status=down} painted, one search
 * keystroke narrowing the cards, the table view of N rows scrolled, and the server heap an open
 * overview holds as paged cards and as the table. Not a test: {@code scripts/bench.sh overview-ui}.
 *
 * <p>Every 25th server's exporter address is a closed loopback port, so {@code ?status=down} has
 * N/25 down servers to show. Times are read in the page ({@code performance.now()}), polled every
 * animation frame, so they hold the browser's work (websocket round trip, Flow's DOM update, layout)
 * and not Selenium's. Heap per session: 10 Chromiums, each with an HTTP session of its own, heap
 * after GC before and after, as {@link InfradashBench} measures it.
 */
public final class OverviewBrowserBench {

    private static final Gpu GPU =
            new Gpu("GPU-5e6f0000-0000-0000-0000-000000000002", "NVIDIA L40S", 25, 10e9, 48e9, 61, 150);
    private static final int ROUNDS = 7;
    private static final int TABS = 10;

    private OverviewBrowserBench() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(env("BENCH_N", "500"));
        InfradashBench.Config config = new InfradashBench.Config(
                List.of(n),
                List.of(),
                TABS,
                3,
                0,
                0,
                false,
                Duration.ofSeconds(Long.parseLong(env("BENCH_SCRAPE_SECONDS", "15"))),
                Duration.ofSeconds(Long.parseLong(env("BENCH_REFRESH_SECONDS", "5"))),
                InfradashBench.Config.fromEnv(new String[] {"grid"}).jar(),
                Arrays.stream(env("BENCH_APP_JVM_OPTS", InfradashBench.CONTAINER_JVM)
                                .split("\\s+"))
                        .filter(s -> !s.isBlank())
                        .toList());
        List<String> report = new java.util.concurrent.CopyOnWriteArrayList<>() {
            @Override
            public boolean add(String row) {
                InfradashBench.log("%s", row); // each row as soon as it is measured
                return super.add(row);
            }
        };
        long start = System.nanoTime();
        try (PrometheusStack stack = fleet(n, config.scrape());
                InfradashBench.App app = InfradashBench.App.start(config, stack)) {
            awaitCycles(app, 3);
            // the app's own subscribers (alerting, search, trends): what "no view attached" reads
            int appLevel = (int) app.metric("infradash_ui_attached", "");
            ChromeDriver driver = Browser.start(1280, 900);
            // a scroll through 500 rows on a loaded 2-core machine takes longer than Selenium's default
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(180));
            try {
                String blank = driver.getWindowHandle();
                // warm-up: class loading, JIT and the route registry are no session's cost
                for (String path : List.of("/", "/?view=table", "/?status=down")) {
                    driver.switchTo().newWindow(WindowType.TAB);
                    driver.get(app.url(path));
                    await(() -> ready(driver, path), 120);
                    closeTab(driver, blank);
                }
                // heap first, once no earlier view is attached: a view that detaches (or whose
                // heartbeats expire) during the measurement would be counted as negative heap
                awaitAttached(app, appLevel, 300);
                double cards = heapPerSession(app, "/");
                double table = heapPerSession(app, "/?view=table");

                int down = (n + 24 - 7) / 25;
                double[] paint = new double[ROUNDS];
                for (int i = 0; i < ROUNDS; i++) {
                    paint[i] = paintDown(driver, app, blank, down);
                }
                report.add(row("`?status=down` painted: navigation start to all " + down + " DOWN cards", paint));

                double[] keystroke = keystrokes(driver, app, blank, n);
                report.add(row("one search keystroke (\"srv-0\" + \"4\") to the cards narrowed", keystroke));

                double[] scroll = scrollTable(driver, app, blank, n, report);
                report.add(
                        row("table of " + n + " rows, frame time while scrolling it end to end (p95 per run)", scroll));

                report.add(String.format(
                        Locale.ROOT,
                        "| server heap per session (%d browsers, own browser and HTTP session each), paged cards `/` | %.0f KB | |",
                        TABS,
                        cards));
                report.add(String.format(
                        Locale.ROOT,
                        "| server heap per session (%d browsers, own browser and HTTP session each), table `/?view=table` | %.0f KB | |",
                        TABS,
                        table));
            } finally {
                driver.quit();
            }
        }
        System.out.println();
        System.out.printf(
                "Overview in Chromium, N=%d, production jar (%s)%n", n, String.join(" ", config.appJvmOpts()));
        System.out.println("| what | median (min-max) | all runs ms |");
        System.out.println("|---|---|---|");
        report.forEach(System.out::println);
        long took = (System.nanoTime() - start) / 1_000_000_000;
        System.out.printf("%nbench took %d min %02d s%n", took / 60, took % 60);
        System.exit(0); // chromedriver threads must not keep the JVM
    }

    /** N servers over 3 node_exporters (every 10th with the GPU stub), every 25th on a closed port. */
    private static PrometheusStack fleet(int n, Duration scrape) {
        InfradashBench.log("N=%d: starting Prometheus, 3 node_exporters, 1 GPU stub", n);
        PrometheusStack stack = PrometheusStack.builder()
                .nodeExporters(3)
                .nodeExporterArgs(
                        "--collector.disable-defaults",
                        "--collector.cpu",
                        "--collector.meminfo",
                        "--collector.loadavg",
                        "--collector.filesystem",
                        "--collector.diskstats",
                        "--collector.netdev",
                        "--collector.time",
                        "--collector.stat",
                        "--collector.uname")
                .gpuExporter(Dialect.DCGM, GPU)
                .scrapeInterval(scrape)
                .startupTimeout(Duration.ofSeconds(60))
                .start();
        try {
            List<TargetGroup> groups = new ArrayList<>();
            String[] roles = {"web", "db", "storage", "gpu"};
            int up = 0;
            for (int i = 0; i < n; i++) {
                String id = String.format(Locale.ROOT, "srv-%03d", i);
                String role = i % 10 == 0 ? "gpu" : roles[i % 3];
                // port 9 (discard) is closed on loopback here: the exporter is down
                String address = i % 25 == 7 ? "127.0.0.1:9" : stack.nodeExporterHostPort(i % 3);
                up += i % 25 == 7 ? 0 : 1;
                groups.add(server(id, role, "Server " + i, Exporter.NODE, address));
                if (i % 10 == 0) {
                    groups.add(server(
                            id,
                            role,
                            "Server " + i,
                            Exporter.GPU,
                            stack.gpuExporter(0).hostPort()));
                    up++;
                }
            }
            stack.writeTargets(groups);
            stack.awaitTargetsUp(up, Duration.ofSeconds(120));
            InfradashBench.log("N=%d: %d targets written, %d up", n, groups.size(), up);
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private static boolean ready(ChromeDriver driver, String path) {
        return path.contains("view=table")
                ? Boolean.TRUE.equals(js(
                        driver,
                        "const g = document.querySelector('#fleet-table');"
                                + "return !!g && g.shadowRoot.querySelectorAll('#items tr:not([hidden])').length > 0;"))
                : !driver.findElements(By.cssSelector(".server-card")).isEmpty();
    }

    /** A fresh tab; from navigation start to every DOWN card drawn, in ms of the page's clock. */
    private static double paintDown(ChromeDriver driver, InfradashBench.App app, String blank, int down)
            throws Exception {
        driver.switchTo().newWindow(WindowType.TAB);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                        (function poll() {
                          const downCards = document.querySelectorAll('.server-card.down .server-health');
                          if (downCards.length >= %d && [...downCards].every(b => b.textContent.trim() === 'DOWN')) {
                            window.__painted = performance.now();
                          } else {
                            requestAnimationFrame(poll);
                          }
                        })();""".formatted(down)));
        driver.get(app.url("/?status=down"));
        await(() -> js(driver, "return window.__painted || null") != null, 60);
        double ms = ((Number) js(driver, "return window.__painted")).doubleValue();
        closeTab(driver, blank);
        return ms;
    }

    /** "srv-0" typed and settled, then "4": from that keydown to the 10 srv-04x cards alone. */
    private static double[] keystrokes(ChromeDriver driver, InfradashBench.App app, String blank, int n)
            throws Exception {
        double[] ms = new double[ROUNDS];
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(app.url("/"));
        await(() -> ready(driver, "/"), 60);
        long expected = Math.min(10, Math.max(0, n - 40));
        for (int i = 0; i < ROUNDS; i++) {
            WebElement input = driver.findElement(By.cssSelector("#fleet-search input"));
            js(
                    driver,
                    "arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                            + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                    input);
            await(() -> driver.findElements(By.cssSelector(".server-card")).size() > expected, 30);
            input.sendKeys("srv-0");
            await(
                    () -> Boolean.TRUE.equals(js(
                            driver,
                            "const c = [...document.querySelectorAll('.server-card')];"
                                    + "return c.length > 0 && c.every(e => e.dataset.server.startsWith('srv-0'))"
                                    + " && !c.every(e => e.dataset.server.startsWith('srv-04'));")),
                    30);
            js(driver, """
                    window.__narrowed = null;
                    window.__keydown = null;
                    const input = arguments[0], expected = arguments[1];
                    input.addEventListener('keydown', () => {
                      window.__keydown = performance.now();
                      (function poll() {
                        const c = [...document.querySelectorAll('.server-card')];
                        if (c.length === expected && c.every(e => e.dataset.server.startsWith('srv-04'))) {
                          window.__narrowed = performance.now();
                        } else {
                          requestAnimationFrame(poll);
                        }
                      })();
                    }, {once: true});""", input, expected);
            input.sendKeys("4");
            await(() -> js(driver, "return window.__narrowed") != null, 30);
            ms[i] = ((Number) js(driver, "return window.__narrowed - window.__keydown")).doubleValue();
        }
        closeTab(driver, blank);
        return ms;
    }

    /**
     * The table of N rows scrolled from top to bottom and back in steps of 300 px per frame; the
     * 95th percentile of the frame intervals per run, and how many rows the DOM holds (lazy
     * rendering keeps it to what is visible).
     */
    private static double[] scrollTable(
            ChromeDriver driver, InfradashBench.App app, String blank, int n, List<String> report) throws Exception {
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(app.url("/?view=table"));
        await(() -> ready(driver, "/?view=table"), 60);
        double[] p95 = new double[ROUNDS];
        double worst = 0;
        long domRows = 0;
        long size = 0;
        for (int i = 0; i < ROUNDS; i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const grid = document.querySelector('#fleet-table');
                    const scroller = grid.$.table;
                    scroller.scrollTop = 0;
                    const frames = [];
                    let last = null, down = true, maxRows = 0;
                    function step(t) {
                      if (last !== null) frames.push(t - last);
                      last = t;
                      maxRows = Math.max(maxRows, grid.shadowRoot.querySelectorAll('#items tr').length);
                      if (down) {
                        const before = scroller.scrollTop;
                        scroller.scrollTop += 300;
                        if (scroller.scrollTop === before
                            || scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) down = false;
                      } else {
                        const before = scroller.scrollTop;
                        scroller.scrollTop -= 300;
                        if (scroller.scrollTop <= 0 || scroller.scrollTop === before || frames.length > 600) {
                          frames.sort((a, b) => a - b);
                          done({p95: frames[Math.floor(frames.length * 0.95)], max: frames[frames.length - 1],
                                frames: frames.length, rows: maxRows, size: grid.size || grid._effectiveSize || -1});
                          return;
                        }
                      }
                      requestAnimationFrame(step);
                    }
                    requestAnimationFrame(step);""");
            p95[i] = ((Number) r.get("p95")).doubleValue();
            worst = Math.max(worst, ((Number) r.get("max")).doubleValue());
            domRows = Math.max(domRows, ((Number) r.get("rows")).longValue());
            size = ((Number) r.get("size")).longValue();
        }
        report.add(String.format(
                Locale.ROOT,
                "| table: rows in the DOM while scrolling (lazy rendering) / rows in the grid | %d / %d | slowest frame %.0f ms |",
                domRows,
                size,
                worst));
        closeTab(driver, blank);
        return p95;
    }

    /**
     * KB of heap after GC per open overview, as InfradashBench measures it. Each overview is its
     * own Chromium (its own profile, so its own cookie jar and HTTP session): tabs of one browser
     * share cookies, so clearing them between tabs left every earlier tab talking with the last
     * tab's session, and the count of attached views never settled at the number of tabs.
     */
    private static double heapPerSession(InfradashBench.App app, String path) throws Exception {
        // relative to the views attached now, should an earlier tab's view still be attached
        int attached = (int) app.metric("infradash_ui_attached", "");
        double base = app.heapAfterGcMb();
        List<ChromeDriver> browsers = new ArrayList<>();
        try {
            for (int i = 0; i < TABS; i++) {
                ChromeDriver browser = Browser.start(1280, 900);
                browsers.add(browser);
                browser.get(app.url(path));
                await(() -> ready(browser, path), 120);
            }
            awaitAttached(app, attached + TABS, 60);
            double perSession = (app.heapAfterGcMb() - base) * 1024 / TABS;
            InfradashBench.log("%s: heap per session %.0f KB (%d browsers)", path, perSession, TABS);
            return perSession;
        } finally {
            for (ChromeDriver browser : browsers) {
                // leaving the page sends its unload beacon, so the view detaches now, not after
                // the heartbeats time out
                browser.get("about:blank");
                browser.quit();
            }
            // back to where it was, so the next measurement starts from a settled count
            awaitAttached(app, attached, 300);
        }
    }

    /**
     * Leaves the page before closing its tab: a headless tab closed by the driver sends no unload
     * beacon, so its view stayed attached until the heartbeats timed out (11 of them during one
     * run), while leaving the page detaches it at once.
     */
    private static void closeTab(ChromeDriver driver, String blank) {
        driver.get("about:blank");
        driver.close();
        driver.switchTo().window(blank);
    }

    private static String row(String what, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        StringBuilder all = new StringBuilder();
        for (double v : ms) all.append(all.length() == 0 ? "" : ", ").append(Math.round(v));
        return String.format(
                Locale.ROOT,
                "| %s | %.0f ms (%.0f-%.0f) | %s |",
                what,
                sorted[sorted.length / 2],
                sorted[0],
                sorted[sorted.length - 1],
                all);
    }

    private static Object js(ChromeDriver driver, String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static void await(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            try {
                if (condition.getAsBoolean()) return;
            } catch (RuntimeException e) {
                // element replaced while we looked: try again
            }
            if (System.nanoTime() > deadline)
                throw new IllegalStateException("condition not met within " + seconds + " s");
            Thread.sleep(20);
        }
    }

    private static void awaitCycles(InfradashBench.App app, int cycles) throws InterruptedException {
        long start = (long) app.metric("infradash_collector_cycle_seconds_count", "");
        await(() -> (long) app.metric("infradash_collector_cycle_seconds_count", "") >= start + cycles, 120);
    }

    private static void awaitAttached(InfradashBench.App app, int expected, int seconds) throws InterruptedException {
        try {
            await(() -> (long) app.metric("infradash_ui_attached", "") == expected, seconds);
        } catch (IllegalStateException e) {
            InfradashBench.log(
                    "attached listeners %d, not %d, after %d s",
                    (long) app.metric("infradash_ui_attached", ""), expected, seconds);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
