package dev.infradash.bench;

import static dev.infradash.testsupport.PrometheusStack.server;

import dev.infradash.fleet.CollectorProperties;
import dev.infradash.fleet.FleetQueries;
import dev.infradash.testsupport.Browser;
import dev.infradash.testsupport.GpuExporterStub.Dialect;
import dev.infradash.testsupport.GpuExporterStub.Gpu;
import dev.infradash.testsupport.PrometheusStack;
import dev.infradash.testsupport.PrometheusStack.Exporter;
import dev.infradash.testsupport.PrometheusStack.TargetGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The benchmark of Infradash (not a test: neither surefire nor failsafe picks up {@code *Bench}).
 * Run it with {@code scripts/bench.sh}; every knob is an environment variable (see {@link Config}).
 *
 * <p>For each N it starts a real {@link PrometheusStack} on 127.0.0.1 (3 node_exporters with a
 * reduced collector set and one DCGM GPU stub; N file_sd servers with distinct {@code server}
 * labels spread over them round-robin, every 10th with the GPU stub too; 15 s scrape, the product
 * default), then the production jar as a child JVM on 127.0.0.1 in kiosk mode (honest RSS, heap
 * read after {@code jcmd GC.run}). For each M it holds M overview tabs open in one headless
 * Chromium (real websocket push, real rendering) and measures over whole collector cycles. All
 * traffic stays on loopback; every loop is bounded in count and time.
 */
public final class InfradashBench {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private static final List<String> CHARTS = List.of(
            "cpu",
            "load",
            "memory",
            "disk_usage",
            "disk_io",
            "network",
            "gpu_utilization",
            "gpu_memory",
            "gpu_temperature",
            "gpu_power");
    private static final Gpu GPU =
            new Gpu("GPU-5e6f0000-0000-0000-0000-000000000001", "NVIDIA L40S", 25, 10e9, 48e9, 61, 150);
    private static final long START = System.nanoTime();
    /** Lines of the own-HTTP-session measurement, printed under the table. */
    private static final List<String> SESSIONS = new java.util.concurrent.CopyOnWriteArrayList<>();
    /**
     * Counts the push bytes a tab receives: wraps the page's WebSocket constructor (Atmosphere,
     * under Vaadin's push, calls it) before any page script runs. Installed per tab through
     * chromedriver's CDP endpoint, it works for every tab, where a DevTools session on Chromium 156
     * could follow only the first.
     */
    private static final String PUSH_COUNTER = """
            (() => {
              const Native = window.WebSocket, utf8 = new TextEncoder();
              window.__pushBytes = 0; window.__pushFrames = 0;
              const Counted = function (...args) {
                const socket = new Native(...args);
                socket.addEventListener('message', e => {
                  window.__pushFrames++;
                  window.__pushBytes += typeof e.data === 'string' ? utf8.encode(e.data).length : (e.data.byteLength || e.data.size || 0);
                });
                return socket;
              };
              Counted.prototype = Native.prototype;
              Object.assign(Counted, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
              window.WebSocket = Counted;
            })();""";

    /**
     * The JVM as the container runs it (Dockerfile: MaxRAMPercentage=40; compose: mem_limit 512m).
     * MaxRAM sizes the heap as inside that limit, where on this 24 GB host the JVM would reserve a
     * 6 GB heap and grow lazily into it. SerialGC is what the JVM picks by itself in a container
     * under 1792 MB (not a "server-class machine"); MaxRAM alone would leave G1 and its ~45 MB of
     * native GC structures.
     */
    static final String CONTAINER_JVM =
            "-XX:MaxRAM=512m -XX:+UseSerialGC -XX:MaxRAMPercentage=40 -XX:+ExitOnOutOfMemoryError";

    /** Every knob, from environment variables. */
    record Config(
            List<Integer> ns,
            List<Integer> ms,
            int maxTabs,
            int cycles,
            int naiveCycles,
            int soakSeconds,
            boolean grid,
            Duration scrape,
            Duration refresh,
            Path jar,
            List<String> appJvmOpts) {
        static Config fromEnv(String[] args) {
            String mode = args.length > 0 ? args[0] : env("BENCH_MODE", "grid");
            boolean soakOnly = mode.equals("soak");
            if (!soakOnly && !mode.equals("grid"))
                throw new IllegalArgumentException("mode is grid or soak, not " + mode);
            return new Config(
                    ints(env("BENCH_N", soakOnly ? "3" : "3,50,500")),
                    ints(env("BENCH_M", soakOnly ? "" : "1,20,100")),
                    Integer.parseInt(env("BENCH_MAX_TABS", "100")),
                    Integer.parseInt(env("BENCH_CYCLES", "8")),
                    Integer.parseInt(env("BENCH_NAIVE_CYCLES", "3")),
                    Integer.parseInt(env("BENCH_SOAK_SECONDS", soakOnly ? "600" : "60")),
                    !soakOnly,
                    Duration.ofSeconds(Long.parseLong(env("BENCH_SCRAPE_SECONDS", "15"))),
                    Duration.ofSeconds(Long.parseLong(env("BENCH_REFRESH_SECONDS", "5"))),
                    Path.of(env("BENCH_JAR", findJar())),
                    Arrays.stream(env("BENCH_APP_JVM_OPTS", CONTAINER_JVM).split("\\s+"))
                            .filter(s -> !s.isBlank())
                            .toList());
        }

        private static List<Integer> ints(String csv) {
            return Arrays.stream(csv.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .map(Integer::parseInt)
                    .sorted()
                    .toList();
        }

        private static String findJar() {
            try (Stream<Path> files = Files.list(Path.of("target"))) {
                return files.filter(p -> p.getFileName().toString().matches("infradash-.*\\.jar"))
                        .findFirst()
                        // the queries and detail modes start no app: only App.start needs the jar
                        .map(Path::toString)
                        .orElse("target/infradash-NOT-BUILT.jar");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One row of the table. Negative or NaN = not measured. */
    static final class Row {
        int n, m;
        String note = "";
        double reqPerCycle = Double.NaN, cycleP50, cycleP99, broadcastP50, broadcastP99;
        double windowCycleP50Ms = Double.NaN,
                windowCycleMaxMs = Double.NaN,
                cycleMeanMs = Double.NaN,
                queryMeanMs = Double.NaN,
                promHandlerMeanMs = Double.NaN;
        double heapPerSessionKb = Double.NaN, pushBytesPerCycle = Double.NaN;
        long fcpMs = -1, firstCardMs = -1, detail1hMs = -1, detail7dMs = -1, detail7dDrawMs = -1;
        double detail7dPushKb = Double.NaN;
        double rssIdleMb, rssLoadedMb = Double.NaN;
        double naiveReqPerCycle = Double.NaN, promCpuInfradash = Double.NaN, promCpuNaive = Double.NaN;
        int attached = -1;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static void log(String format, Object... args) {
        long s = (System.nanoTime() - START) / 1_000_000_000;
        System.out.printf("[bench %02d:%02d] %s%n", s / 60, s % 60, String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    public static void main(String[] args) throws Exception {
        Config config = Config.fromEnv(args);
        log(
                "config: N=%s M=%s maxTabs=%d cycles=%d naiveCycles=%d soak=%ds scrape=%s refresh=%s jar=%s app JVM %s",
                config.ns(),
                config.ms(),
                config.maxTabs(),
                config.cycles(),
                config.naiveCycles(),
                config.soakSeconds(),
                config.scrape(),
                config.refresh(),
                config.jar(),
                config.appJvmOpts());
        List<Row> rows = new ArrayList<>();
        List<String> soakReport = new ArrayList<>();
        boolean first = true;
        for (int n : config.ns()) {
            try {
                runN(config, n, rows, first && config.soakSeconds() > 0 ? soakReport : null);
            } catch (Exception | AssertionError e) {
                // one N that cannot be held must not lose the rows already measured
                log("N=%d failed: %s", n, e);
                Row failed = new Row();
                failed.n = n;
                failed.note = "failed: " + e.getClass().getSimpleName() + " " + e.getMessage();
                rows.add(failed);
            }
            first = false;
        }
        long took = (System.nanoTime() - START) / 1_000_000_000;
        System.out.println();
        if (config.grid()) {
            printTable(rows, config);
            System.out.println();
            printTargets(rows, config);
        }
        SESSIONS.forEach(System.out::println);
        soakReport.forEach(System.out::println);
        System.out.printf("%nbench took %d min %02d s%n", took / 60, took % 60);
        System.exit(0); // chromedriver / HttpClient threads must not keep the JVM
    }

    // ---- one N -----------------------------------------------------------------------------

    /**
     * The simulated fleet: the stack and, for a large N, the {@link ExporterCache}s between
     * Prometheus and the node_exporters. Closing it stops both.
     */
    record Fleet(PrometheusStack stack, List<ExporterCache> caches) implements AutoCloseable {
        @Override
        public void close() {
            caches.forEach(ExporterCache::close);
            stack.close();
        }
    }

    /**
     * From this N on, Prometheus scrapes the node_exporters through an {@link ExporterCache}
     * ({@code BENCH_EXPORTER_CACHE=on|off} overrides): at N=2,000 the three exporters answering
     * 147 scrapes a second took most of the machine that was being measured.
     */
    static final int EXPORTER_CACHE_FROM_N = 1000;

    static boolean exporterCache(int n) {
        String setting = env("BENCH_EXPORTER_CACHE", "auto");
        return switch (setting) {
            case "on" -> true;
            case "off" -> false;
            case "auto" -> n >= EXPORTER_CACHE_FROM_N;
            default -> throw new IllegalArgumentException("BENCH_EXPORTER_CACHE is auto, on or off, not " + setting);
        };
    }

    /**
     * A real Prometheus on 127.0.0.1 scraping N file_sd servers: 3 node_exporters with a reduced
     * collector set and one DCGM GPU stub, the servers spread over them round-robin (distinct
     * {@code server} labels), every 10th with the GPU stub too. Returns once every target is up.
     */
    static Fleet startFleet(int n, Duration scrape) {
        boolean cached = exporterCache(n);
        log(
                "N=%d: starting Prometheus, 3 node_exporters (reduced collectors)%s, 1 GPU stub",
                n, cached ? " behind a 1 s answer cache (BENCH_EXPORTER_CACHE)" : "");
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
                        "--collector.uname",
                        // each exporter answers N/3 targets: at N=2,000 its default of 40 requests in
                        // flight made it answer 503 to a third of the scrapes on a loaded machine
                        "--web.max-requests=0")
                .gpuExporter(Dialect.DCGM, GPU)
                .scrapeInterval(scrape)
                .startupTimeout(Duration.ofSeconds(60))
                .start();
        List<ExporterCache> caches = new ArrayList<>();
        try {
            List<String> nodeAddresses = new ArrayList<>();
            for (int e = 0; e < 3; e++) {
                if (cached) {
                    ExporterCache cache = ExporterCache.start(stack.nodeExporterHostPort(e), Duration.ofSeconds(1));
                    caches.add(cache);
                    nodeAddresses.add(cache.hostPort());
                } else {
                    nodeAddresses.add(stack.nodeExporterHostPort(e));
                }
            }
            List<TargetGroup> groups = new ArrayList<>();
            String[] roles = {"web", "db", "storage", "gpu"};
            for (int i = 0; i < n; i++) {
                String id = String.format("srv-%03d", i);
                String role = i % 10 == 0 ? "gpu" : roles[i % 3];
                groups.add(server(id, role, "Server " + i, Exporter.NODE, nodeAddresses.get(i % 3)));
                if (i % 10 == 0)
                    groups.add(server(
                            id,
                            role,
                            "Server " + i,
                            Exporter.GPU,
                            stack.gpuExporter(0).hostPort()));
            }
            stack.writeTargets(groups);
            stack.awaitTargetsUp(groups.size(), Duration.ofSeconds(90));
            log("N=%d: %d targets up", n, groups.size());
            return new Fleet(stack, List.copyOf(caches));
        } catch (RuntimeException | Error e) {
            caches.forEach(ExporterCache::close);
            stack.close();
            throw e;
        }
    }

    private static void runN(Config config, int n, List<Row> rows, List<String> soakReport) throws Exception {
        try (Fleet fleet = startFleet(n, config.scrape())) {
            PrometheusStack stack = fleet.stack();
            try (App app = App.start(config, stack)) {
                awaitCycles(app, 3, config);
                Row idle = new Row();
                idle.rssIdleMb = app.rssMb();
                log("N=%d: app idle RSS %.0f MB, heap after GC %.1f MB", n, idle.rssIdleMb, app.heapAfterGcMb());
                ChromeDriver driver = Browser.start(1280, 900);
                try {
                    String blank = driver.getWindowHandle();
                    // warm-up: one overview and one detail view, closed again, so that one-time caches
                    // (class loading, route registry, JIT) do not count as per-session heap
                    openTab(driver, app.url("/"), () -> hasCards(driver), 120);
                    driver.get(app.url("/servers/srv-000"));
                    await(() -> allChartsDrawn(driver), 60);
                    driver.close();
                    driver.switchTo().window(blank);
                    awaitAttached(app, 0, 60);
                    double baseHeap = app.heapAfterGcMb();
                    log("N=%d: warmed up; heap after GC with 0 sessions %.1f MB", n, baseHeap);

                    List<String> tabs = new ArrayList<>();
                    for (int m : config.ms()) {
                        Row row = new Row();
                        row.n = n;
                        row.m = m;
                        row.rssIdleMb = idle.rssIdleMb;
                        rows.add(row);
                        if (m > config.maxTabs()) {
                            row.note = "trimmed: " + m + " tabs > BENCH_MAX_TABS=" + config.maxTabs();
                            log("N=%d M=%d: %s", n, m, row.note);
                            continue;
                        }
                        log("N=%d M=%d: opening %d more overview tabs", n, m, m - tabs.size());
                        long opening = System.nanoTime();
                        while (tabs.size() < m) {
                            driver.switchTo().newWindow(WindowType.TAB);
                            driver.executeCdpCommand(
                                    "Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", PUSH_COUNTER));
                            driver.get(app.url("/"));
                            await(() -> hasCards(driver), 120);
                            tabs.add(driver.getWindowHandle());
                        }
                        log(
                                "N=%d M=%d: %d tabs open (%d ms)",
                                n, m, tabs.size(), (System.nanoTime() - opening) / 1_000_000);
                        awaitAttached(app, m, 60);
                        measureCell(config, stack, app, row, driver, tabs);
                        row.heapPerSessionKb = (app.heapAfterGcMb() - baseHeap) * 1024 / m;
                        row.rssLoadedMb = app.rssMb();
                        row.attached = (int) app.metric("infradash_ui_attached", "");
                        row.cycleP50 = app.metric("infradash_collector_cycle_seconds", "quantile=\"0.5\"") * 1000;
                        row.cycleP99 = app.metric("infradash_collector_cycle_seconds", "quantile=\"0.99\"") * 1000;
                        row.broadcastP50 = app.metric("infradash_broadcast_seconds", "quantile=\"0.5\"") * 1000;
                        row.broadcastP99 = app.metric("infradash_broadcast_seconds", "quantile=\"0.99\"") * 1000;
                        pageLoads(driver, app, row);
                        if (config.naiveCycles() > 0) naive(config, stack, app, row); // BENCH_NAIVE_CYCLES=0 skips it
                        log(
                                "N=%d M=%d: req/cycle %.2f, cycle p99 %.0f ms, broadcast p99 %.1f ms, heap/session %.0f KB,"
                                        + " push %.0f B/session/cycle, first card %d ms, detail 1h %d ms / 7d %d ms, RSS %.0f MB",
                                n,
                                m,
                                row.reqPerCycle,
                                row.cycleP99,
                                row.broadcastP99,
                                row.heapPerSessionKb,
                                row.pushBytesPerCycle,
                                row.firstCardMs,
                                row.detail1hMs,
                                row.detail7dMs,
                                row.rssLoadedMb);
                        printTable(List.of(row), config); // a row as soon as it is measured
                    }
                    for (String tab : tabs) {
                        driver.switchTo().window(tab);
                        driver.close();
                    }
                    driver.switchTo().window(blank);
                    long left = awaitAttached(app, 0, 60);
                    log("N=%d: all tabs closed, attached listeners %d", n, left);
                    if (config.grid()) ownSessions(app, driver, blank, n);
                    if (soakReport != null) soak(config, app, driver, blank, n, soakReport);
                } finally {
                    driver.quit();
                }
            }
        }
    }

    /**
     * Prometheus requests and CPU, push bytes of every tab, and where a cycle's time goes (the
     * collector's own timers against Prometheus' time in its query handler), over whole cycles.
     */
    private static void measureCell(
            Config config, PrometheusStack stack, App app, Row row, ChromeDriver driver, List<String> tabs)
            throws Exception {
        long c0 = awaitNextCycle(app, config);
        long r0 = stack.apiRequestCount();
        long cpu0 = cpuMillis(stack.prometheusPid());
        long b0 = pushBytes(driver, tabs);
        double[] handler0 = queryHandler(stack);
        double cycleSum0 = app.metric("infradash_collector_cycle_seconds_sum", "");
        double querySum0 = app.metric("infradash_prometheus_requests_seconds_sum", "endpoint=\"query\"");
        long c1 = c0;
        double sum0 = cycleSum0;
        // each cycle's own time: the timer's sum moves by one cycle between two polls (averaged
        // over the cycles in between if a poll came late), so the window's percentiles hold no
        // cold start-up cycles, unlike Micrometer's decaying percentiles
        List<Double> cycleMs = new ArrayList<>();
        for (int i = 0; i < config.cycles(); i++) {
            long before = c1;
            c1 = awaitNextCycle(app, config);
            double sum1 = app.metric("infradash_collector_cycle_seconds_sum", "");
            cycleMs.add((sum1 - sum0) * 1000 / Math.max(1, c1 - before));
            sum0 = sum1;
        }
        List<Double> sorted = cycleMs.stream().sorted().toList();
        row.windowCycleP50Ms = sorted.get((sorted.size() - 1) / 2);
        row.windowCycleMaxMs = sorted.get(sorted.size() - 1);
        long cycles = c1 - c0;
        row.cycleMeanMs = (sum0 - cycleSum0) * 1000 / cycles;
        row.queryMeanMs = (app.metric("infradash_prometheus_requests_seconds_sum", "endpoint=\"query\"") - querySum0)
                * 1000
                / cycles;
        double[] handler1 = queryHandler(stack);
        row.promHandlerMeanMs = (handler1[0] - handler0[0]) * 1000 / Math.max(1, handler1[1] - handler0[1]);
        long requests = stack.apiRequestCount() - r0;
        long cpu = cpuMillis(stack.prometheusPid()) - cpu0;
        // the push of the last cycle reaches the tabs a little after the cycle count moves
        Thread.sleep(Math.min(1000, config.refresh().toMillis() / 4));
        long bytes = pushBytes(driver, tabs) - b0;
        row.reqPerCycle = requests / (double) cycles;
        row.promCpuInfradash = cpu / (double) cycles;
        row.pushBytesPerCycle = bytes / (double) cycles / tabs.size();
        log(
                "N=%d M=%d: %d requests over %d cycles; %d push bytes over %d tabs; cycle mean %.0f ms = query %.0f ms"
                        + " (Prometheus' handler %.0f ms) + alerts, assembly",
                row.n,
                row.m,
                requests,
                cycles,
                bytes,
                tabs.size(),
                row.cycleMeanMs,
                row.queryMeanMs,
                row.promHandlerMeanMs);
    }

    /** Push bytes received so far, summed over the tabs (each counted by {@link #PUSH_COUNTER}). */
    private static long pushBytes(ChromeDriver driver, List<String> tabs) {
        String current = driver.getWindowHandle();
        long sum = 0;
        for (String tab : tabs) {
            driver.switchTo().window(tab);
            Object bytes = js(driver, "return window.__pushBytes || 0;");
            sum += ((Number) bytes).longValue();
        }
        driver.switchTo().window(current);
        return sum;
    }

    /** Prometheus' own time in its instant-query handler so far: {sum seconds, count}. */
    private static double[] queryHandler(PrometheusStack stack) {
        String body = PrometheusStack.get(stack.prometheusUrl().resolve("/metrics"), Duration.ofSeconds(20))
                .body();
        double sum = 0, count = 0;
        for (String line : body.lines().toList()) {
            if (!line.contains("handler=\"/api/v1/query\"")) continue;
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            if (line.startsWith("prometheus_http_request_duration_seconds_sum{")) sum += value;
            if (line.startsWith("prometheus_http_request_duration_seconds_count{")) count += value;
        }
        return new double[] {sum, count};
    }

    /**
     * The grid's tabs share one browser profile, so one HTTP session: its heap per tab is per open
     * view. Here every tab first drops the browser's cookies and so gets an HTTP session of its
     * own (VaadinSession, security context), as separate users would. Short on purpose: a tab
     * whose cookie was replaced would lose its session at its next heartbeat (5 min).
     */
    private static void ownSessions(App app, ChromeDriver driver, String blank, int n) throws Exception {
        int count = 10;
        // its own zero: after the grid's cells the heap after GC has drifted by a few MB
        double baseHeap = app.heapAfterGcMb();
        java.util.Map<String, org.openqa.selenium.Cookie> tabs = new java.util.LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            driver.switchTo().newWindow(WindowType.TAB);
            driver.executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
            driver.get(app.url("/"));
            await(() -> hasCards(driver), 120);
            tabs.put(driver.getWindowHandle(), driver.manage().getCookieNamed("JSESSIONID"));
        }
        awaitAttached(app, count, 60);
        double perSession = (app.heapAfterGcMb() - baseHeap) * 1024 / count;
        String line = String.format(
                Locale.ROOT,
                "N=%d: heap per tab with an HTTP session of its own: %.0f KB (%d tabs, %d sessions)",
                n,
                perSession,
                count,
                (long) app.samples("tomcat_sessions_active_current_sessions", "")
                        .findFirst()
                        .orElse(-1.0)
                        .doubleValue());
        log("%s", line);
        SESSIONS.add(line);
        for (var tab : tabs.entrySet()) {
            driver.switchTo().window(tab.getKey());
            // the browser holds the last tab's cookie only; the closing tab's unload beacon must
            // carry its own, or its session never hears that the view is gone
            driver.manage().deleteAllCookies();
            if (tab.getValue() != null) driver.manage().addCookie(tab.getValue());
            driver.close();
        }
        driver.switchTo().window(blank);
        long left = awaitAttached(app, 0, 60);
        if (left != 0) log("N=%d: %d views of the own-session tabs still attached", n, left);
    }

    /** Overview first paint and detail-view loads, each in a fresh tab, while the M sessions stay open. */
    private static void pageLoads(ChromeDriver driver, App app, Row row) throws Exception {
        String back = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", PUSH_COUNTER));
        long t0 = System.nanoTime();
        driver.get(app.url("/"));
        await(() -> hasCards(driver), 60);
        row.firstCardMs = (System.nanoTime() - t0) / 1_000_000;
        Object fcp = js(
                driver,
                "const e = performance.getEntriesByName('first-contentful-paint')[0];"
                        + "return e ? Math.round(e.startTime) : -1;");
        row.fcpMs = ((Number) fcp).longValue();
        row.detail1hMs = timeDetail(driver, app, "1h");
        row.detail7dMs = timeDetail(driver, app, "7d");
        // where the 7 days went in the browser: what the push brought, and drawing alone
        row.detail7dPushKb = ((Number) js(driver, "return window.__pushBytes || 0;")).doubleValue() / 1024;
        row.detail7dDrawMs = redrawMs(driver);
        log(
                "N=%d M=%d: detail 7d %d ms: %.0f KB pushed, redrawing its charts %d ms",
                row.n, row.m, row.detail7dMs, row.detail7dPushKb, row.detail7dDrawMs);
        driver.close();
        driver.switchTo().window(back);
    }

    /**
     * Drawing alone: every chart of the open detail view redrawn in the page from the series it
     * holds (ApexCharts' updateSeries, animations off as the view sets them), no server involved.
     */
    private static long redrawMs(ChromeDriver driver) {
        Object ms = ((JavascriptExecutor) driver)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "const els = [...document.querySelectorAll('[data-chart] infradash-apexchart')].filter(e => e.chart);"
                        + "const t0 = performance.now();"
                        + "Promise.all(els.map(e => e.chart.updateSeries(e._displaySeries(), false)))"
                        + ".then(() => done(Math.round(performance.now() - t0)), () => done(-1));");
        return ms instanceof Number number ? number.longValue() : -1;
    }

    private static long timeDetail(ChromeDriver driver, App app, String range) throws Exception {
        driver.get("about:blank");
        long t0 = System.nanoTime();
        driver.get(app.url("/servers/srv-000?range=" + range));
        await(() -> allChartsDrawn(driver), 60);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /**
     * The per-viewer polling of Grafana-style dashboards: M viewers, each sending the same combined
     * fleet query plus an alerts read straight to Prometheus every refresh interval, spread evenly
     * over the interval, for a bounded number of cycles. The collector keeps running meanwhile; its
     * own requests (cycles in the window x its measured rate) are subtracted.
     */
    private static void naive(Config config, PrometheusStack stack, App app, Row row) throws Exception {
        String combined = fleetQueries(config).combined();
        int viewers = row.m;
        int cycles = config.naiveCycles();
        long period = config.refresh().toMillis();
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(4);
        CountDownLatch done = new CountDownLatch(viewers * cycles);
        AtomicLong failures = new AtomicLong();
        URI query = stack.prometheusUrl().resolve("/api/v1/query");
        URI alerts = stack.prometheusUrl().resolve("/api/v1/alerts");
        String form = "query=" + URLEncoder.encode(combined, StandardCharsets.UTF_8);
        long appCycles0 = appCycles(app);
        long r0 = stack.apiRequestCount();
        long cpu0 = cpuMillis(stack.prometheusPid());
        try {
            for (int v = 0; v < viewers; v++) {
                long offset = v * period / viewers;
                for (int c = 0; c < cycles; c++) {
                    pool.schedule(
                            () -> {
                                try {
                                    HttpResponse<Void> a = HTTP.send(
                                            HttpRequest.newBuilder(query)
                                                    .timeout(Duration.ofSeconds(10))
                                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                                    .header("Accept-Encoding", "gzip")
                                                    .POST(HttpRequest.BodyPublishers.ofString(form))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding());
                                    HttpResponse<Void> b = HTTP.send(
                                            HttpRequest.newBuilder(alerts)
                                                    .timeout(Duration.ofSeconds(10))
                                                    .header("Accept-Encoding", "gzip")
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding());
                                    if (a.statusCode() != 200 || b.statusCode() != 200) failures.incrementAndGet();
                                } catch (Exception e) {
                                    failures.incrementAndGet();
                                } finally {
                                    done.countDown();
                                }
                            },
                            offset + c * period,
                            TimeUnit.MILLISECONDS);
                }
            }
            if (!done.await(cycles * period + 60_000, TimeUnit.MILLISECONDS))
                log("naive viewers did not finish in time");
        } finally {
            pool.shutdownNow();
        }
        long requests = stack.apiRequestCount() - r0;
        long cpu = cpuMillis(stack.prometheusPid()) - cpu0;
        long appCycles = appCycles(app) - appCycles0;
        double appRequests = appCycles * row.reqPerCycle;
        row.naiveReqPerCycle = (requests - appRequests) / cycles;
        // Prometheus CPU per refresh interval in the naive window (the collector's share included)
        row.promCpuNaive = cpu / (double) cycles;
        log(
                "N=%d M=%d: naive: %d viewers x %d cycles, %d Prometheus requests (%.0f of them the collector's), %d failed",
                row.n, row.m, viewers, cycles, requests, appRequests, failures.get());
    }

    static FleetQueries fleetQueries(Config config) {
        return new FleetQueries(collectorProperties(config));
    }

    static CollectorProperties collectorProperties(Config config) {
        // the product's own defaults for the device/filesystem filters, read from the record's annotations
        java.lang.reflect.Parameter[] c = CollectorProperties.class.getDeclaredConstructors()[0].getParameters();
        return new CollectorProperties(
                config.refresh(),
                Duration.ofMinutes(1),
                config.scrape(),
                c[3].getAnnotation(DefaultValue.class).value()[0],
                c[4].getAnnotation(DefaultValue.class).value()[0],
                c[5].getAnnotation(DefaultValue.class).value()[0],
                c[6].getAnnotation(DefaultValue.class).value()[0],
                Duration.parse(
                        "PT" + c[7].getAnnotation(DefaultValue.class).value()[0].toUpperCase(java.util.Locale.ROOT)),
                Duration.parse(
                        "PT" + c[8].getAnnotation(DefaultValue.class).value()[0].toUpperCase(java.util.Locale.ROOT)));
    }

    // ---- soak ------------------------------------------------------------------------------

    /** Sessions open and close (overview and detail, alternately) for the configured time. */
    private static void soak(Config config, App app, ChromeDriver driver, String blank, int n, List<String> report)
            throws Exception {
        int seconds = config.soakSeconds();
        log("soak: N=%d, sessions open and close for %d s", n, seconds);
        List<String> heap = new ArrayList<>();
        double h0 = app.heapAfterGcMb();
        heap.add(String.format(Locale.ROOT, "%.1f", h0));
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long nextSample = System.nanoTime() + Math.max(10, seconds / 6) * 1_000_000_000L;
        long started = System.nanoTime();
        // until the deadline; the count bound only stops a runaway loop (a session takes ~0.7 s)
        int opened = 0, maxIterations = Math.max(10, seconds * 5);
        while (System.nanoTime() < deadline && opened < maxIterations) {
            driver.switchTo().newWindow(WindowType.TAB);
            if (opened % 2 == 0) {
                driver.get(app.url("/"));
                await(() -> hasCards(driver), 60);
            } else {
                driver.get(app.url("/servers/srv-000"));
                await(() -> allChartsDrawn(driver), 60);
            }
            opened++;
            driver.close();
            driver.switchTo().window(blank);
            if (System.nanoTime() > nextSample) {
                heap.add(String.format(Locale.ROOT, "%.1f", app.heapAfterGcMb()));
                nextSample = System.nanoTime() + Math.max(10, seconds / 6) * 1_000_000_000L;
            }
        }
        long attached = awaitAttached(app, 0, 60);
        double h1 = app.heapAfterGcMb();
        heap.add(String.format(Locale.ROOT, "%.1f", h1));
        boolean flat = h1 - h0 < Math.max(2.0, 0.03 * h0);
        report.add(String.format(
                Locale.ROOT,
                "Soak (N=%d, %d s, %d sessions opened and closed, overview and detail alternately):",
                n,
                (System.nanoTime() - started) / 1_000_000_000L,
                opened));
        report.add(String.format(
                Locale.ROOT,
                "  attached listeners after the last close: %d -> %s",
                attached,
                attached == 0 ? "MET (returns to zero)" : "MISSED"));
        report.add(String.format(
                Locale.ROOT,
                "  heap after GC, MB, over the soak: %s -> %s (%+.1f MB)",
                String.join(", ", heap),
                flat ? "flat" : "GROWING",
                h1 - h0));
    }

    // ---- browser helpers -------------------------------------------------------------------

    private static void openTab(ChromeDriver driver, String url, BooleanSupplier ready, int seconds) throws Exception {
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(url);
        await(ready, seconds);
    }

    private static Object js(ChromeDriver driver, String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static boolean hasCards(ChromeDriver driver) {
        return !driver.findElements(By.cssSelector(".server-card")).isEmpty();
    }

    private static boolean allChartsDrawn(ChromeDriver driver) {
        Object ok = js(
                driver,
                "return arguments[0].every(c => {"
                        + "const el = document.querySelector('[data-chart=' + c + '] infradash-apexchart');"
                        + "if (!el || !el.chart || !el.chart.w.globals.series.length) return false;"
                        + "if (el.chart.w.globals.series[0].filter(v => v !== null).length === 0) return false;"
                        + "return el.shadowRoot.querySelectorAll('svg .apexcharts-series path').length > 0; });",
                CHARTS);
        return Boolean.TRUE.equals(ok);
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

    // ---- app helpers -----------------------------------------------------------------------

    private static long appCycles(App app) {
        return (long) app.metric("infradash_collector_cycle_seconds_count", "");
    }

    private static long awaitNextCycle(App app, Config config) throws InterruptedException {
        long current = appCycles(app);
        long deadline = System.nanoTime() + config.refresh().toNanos() * 3 + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            long now = appCycles(app);
            if (now > current) return now;
            Thread.sleep(25);
        }
        throw new IllegalStateException(
                "no collector cycle within " + (config.refresh().toSeconds() * 3 + 10) + " s");
    }

    private static void awaitCycles(App app, int cycles, Config config) throws InterruptedException {
        for (int i = 0; i < cycles; i++) awaitNextCycle(app, config);
    }

    /** Waits (bounded) until {@code infradash_ui_attached} equals {@code expected}; returns the last value. */
    private static long awaitAttached(App app, int expected, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long value;
        do {
            value = (long) app.metric("infradash_ui_attached", "");
            if (value == expected) return value;
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        log("attached listeners %d, expected %d after %d s", value, expected, seconds);
        return value;
    }

    /** utime + stime of a process, in ms, from /proc/<pid>/stat. */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of stat
            return ticks * 10; // USER_HZ is 100 on Linux
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpResponse<String> get(URI uri) {
        return PrometheusStack.get(uri, Duration.ofSeconds(20)); // the app's actuator is slower at N=500
    }

    /** The production jar as a child JVM on 127.0.0.1, kiosk mode, data dir in the stack's temp dir. */
    static final class App implements AutoCloseable {
        final Process process;
        final int port;

        private App(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static App start(Config config, PrometheusStack stack, String... extraArgs) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            if (!Files.isRegularFile(config.jar()))
                throw new IllegalStateException("no " + config.jar() + ": build with -Pproduction");
            Path log = stack.workDir().resolve("infradash-app.log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(config.appJvmOpts());
            command.addAll(List.of(
                    "-jar",
                    config.jar().toAbsolutePath().toString(),
                    "--server.address=127.0.0.1",
                    "--server.port=" + port,
                    "--infradash.prometheus.url=" + stack.prometheusUrl(),
                    "--infradash.targets.file=" + stack.targetsFile(),
                    "--infradash.refresh-interval=" + config.refresh().toSeconds() + "s",
                    "--infradash.scrape-interval=" + config.scrape().toSeconds() + "s",
                    "--infradash.rate-window=" + Math.max(60, config.scrape().toSeconds() * 4) + "s",
                    "--infradash.security.anonymous-read=true",
                    "--infradash.security.admin-password=bench-admin-password-not-used",
                    "--infradash.data.dir=" + stack.workDir().resolve("infradash-data"),
                    "--vaadin.devmode.devTools.enabled=false"));
            command.addAll(List.of(extraArgs));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            App app = new App(process, port);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            long t0 = System.nanoTime();
            // a 2-core machine shared with other builds can take minutes to start a Spring Boot jar
            long startSeconds = Long.parseLong(env("BENCH_APP_START_SECONDS", "120"));
            long deadline = t0 + startSeconds * 1_000_000_000L;
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("app exited with " + process.exitValue() + "; see " + log + ":\n"
                            + String.join("\n", tail(log)));
                }
                try {
                    if (get(URI.create(app.url("/actuator/health"))).statusCode() == 200) break;
                } catch (UncheckedIOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    app.close();
                    throw new IllegalStateException("app not healthy after " + startSeconds + " s; see " + log);
                }
                Thread.sleep(200);
            }
            log("app (pid %d) up on 127.0.0.1:%d in %d ms", process.pid(), port, (System.nanoTime() - t0) / 1_000_000);
            return app;
        }

        private static List<String> tail(Path log) {
            try {
                List<String> lines = Files.readAllLines(log);
                return lines.subList(Math.max(0, lines.size() - 30), lines.size());
            } catch (IOException e) {
                return List.of(e.toString());
            }
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        /** First sample of {@code name} (exact metric name) whose labels contain {@code labelPart}. */
        double metric(String name, String labelPart) {
            return samples(name, labelPart)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no metric " + name + " " + labelPart));
        }

        Stream<Double> samples(String name, String labelPart) {
            String body = get(URI.create(url("/actuator/prometheus"))).body();
            Pattern p = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$");
            return body.lines()
                    .map(p::matcher)
                    .filter(Matcher::matches)
                    .filter(m -> labelPart.isEmpty()
                            || (m.group(1) != null && m.group(1).contains(labelPart)))
                    .map(m -> Double.parseDouble(m.group(2)));
        }

        /**
         * Heap in use right after two full GCs (jcmd GC.run), from the app's own jvm_memory_used_bytes.
         * Taken between cycles: first a cycle ends and its broadcast to the views is done, so no
         * Prometheus answer is being parsed and no snapshot assembled (at N=500 that is MBs alive
         * that a GC mid-cycle would count as views' heap).
         */
        /**
         * The least of three readings of {@link #heapAfterGcOnceMb}, each after its own cycle: one
         * reading of the same state varies by ~2 MB (the soak's samples), which at M=1 would be all
         * of the per-session figure; what stays alive through all three is what the views hold.
         */
        double heapAfterGcMb() throws Exception {
            double least = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                least = Math.min(least, heapAfterGcOnceMb());
            }
            return least;
        }

        private double heapAfterGcOnceMb() throws Exception {
            long cycles = (long) metric("infradash_collector_cycle_seconds_count", "");
            long deadline = System.nanoTime() + 30_000_000_000L;
            // every cycle publishes once: the broadcasts have caught up when their count reaches the cycles'
            while ((long) metric("infradash_collector_cycle_seconds_count", "") <= cycles
                    || metric("infradash_broadcast_seconds_count", "")
                            < metric("infradash_collector_cycle_seconds_count", "")) {
                if (System.nanoTime() > deadline)
                    throw new IllegalStateException("no finished cycle and broadcast within 30 s");
                Thread.sleep(20);
            }
            for (int i = 0; i < 2; i++) {
                Process jcmd = new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                        .toString(),
                                Long.toString(process.pid()),
                                "GC.run")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (!jcmd.waitFor(30, TimeUnit.SECONDS)) jcmd.destroyForcibly();
                Thread.sleep(300);
            }
            return samples("jvm_memory_used_bytes", "area=\"heap\"")
                            .mapToDouble(Double::doubleValue)
                            .sum()
                    / (1024 * 1024);
        }

        double rssMb() {
            try {
                return Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
                        .filter(l -> l.startsWith("VmRSS:"))
                        .findFirst()
                        .map(l -> Long.parseLong(l.replaceAll("\\D+", "")) / 1024.0)
                        .orElse(Double.NaN);
            } catch (IOException e) {
                return Double.NaN;
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    // ---- report ----------------------------------------------------------------------------

    private static String f(double v, String format) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, format, v);
    }

    private static String ms(long v) {
        return v < 0 ? "–" : Long.toString(v);
    }

    private static void printTable(List<Row> rows, Config config) {
        System.out.println("| N | M (Chromium tabs) | Prom req/cycle | cycle p50 / p99 ms | broadcast p50 / p99 ms"
                + " | cycle p50 / max in window ms | cycle mean ms: all / query / Prom handler | heap/session KB | push B/session/cycle | overview FCP / first card ms | detail 1h ms | detail 7d ms (redraw ms, push KB)"
                + " | RSS idle / loaded MB | naive req/cycle | naive ratio | Prom CPU ms/cycle infradash / naive |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            if (!r.note.isEmpty()) {
                System.out.printf(
                        Locale.ROOT,
                        "| %d | %d | %s | | | | | | | | | | %s / – | | | |%n",
                        r.n,
                        r.m,
                        r.note,
                        f(r.rssIdleMb, "%.0f"));
                continue;
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %d | %s | %s / %s | %s / %s | %s / %s | %s / %s / %s | %s | %s | %s / %s | %s | %s (%s, %s) | %s / %s | %s | %s | %s / %s |%n",
                    r.n,
                    r.m,
                    f(r.reqPerCycle, "%.2f"),
                    f(r.cycleP50, "%.0f"),
                    f(r.cycleP99, "%.0f"),
                    f(r.broadcastP50, "%.1f"),
                    f(r.broadcastP99, "%.1f"),
                    f(r.windowCycleP50Ms, "%.0f"),
                    f(r.windowCycleMaxMs, "%.0f"),
                    f(r.cycleMeanMs, "%.0f"),
                    f(r.queryMeanMs, "%.0f"),
                    f(r.promHandlerMeanMs, "%.0f"),
                    f(r.heapPerSessionKb, "%.0f"),
                    f(r.pushBytesPerCycle, "%.0f"),
                    ms(r.fcpMs),
                    ms(r.firstCardMs),
                    ms(r.detail1hMs),
                    ms(r.detail7dMs),
                    ms(r.detail7dDrawMs),
                    f(r.detail7dPushKb, "%.0f"),
                    f(r.rssIdleMb, "%.0f"),
                    f(r.rssLoadedMb, "%.0f"),
                    f(r.naiveReqPerCycle, "%.1f"),
                    f(r.naiveReqPerCycle / r.reqPerCycle, "%.1fx"),
                    f(r.promCpuInfradash, "%.0f"),
                    f(r.promCpuNaive, "%.0f"));
        }
        System.out.printf(
                Locale.ROOT,
                "%nscrape %ds, refresh %ds; %d measured cycles per cell, %d naive cycles; percentiles are"
                        + " Micrometer's (decaying ~2 min window, so a cell soon after start-up still holds the first, cold cycles);"
                        + " cycle p50 / max in window = over the measured cycles only, each from the timer's sum between two polls; heap/session = (heap after GC with M tabs - with 0) / M;"
                        + " cycle mean = the collector's cycle; query = its fleet query request as the client saw it;"
                        + " Prom handler = Prometheus' own mean time in /api/v1/query over the window (its metrics);"
                        + " push bytes = websocket payload received, summed over all M tabs and divided by M (a WebSocket wrapper in each page)."
                        + " Naive = M viewers each POSTing the combined fleet query + GET alerts to Prometheus every refresh;"
                        + " the collector's own requests in that window are subtracted; Prom CPU = utime+stime of Prometheus"
                        + " per refresh interval (scraping included).%n",
                config.scrape().toSeconds(),
                config.refresh().toSeconds(),
                config.cycles(),
                config.naiveCycles());
    }

    private static void printTargets(List<Row> rows, Config config) {
        List<Row> measured = rows.stream().filter(r -> r.note.isEmpty()).toList();
        if (measured.isEmpty()) return;
        double maxReq = measured.stream().mapToDouble(r -> r.reqPerCycle).max().orElse(Double.NaN);
        target("<= 2 Prometheus requests per cycle at every measured N, M", maxReq <= 2.0, "max %.2f", maxReq);
        for (Row b : measured.stream().filter(r -> r.n >= 2000 && r.m == 100).toList()) {
            target(
                    "cycle p99 < 250 ms at " + b.n + " x 100",
                    b.windowCycleMaxMs < 250,
                    "slowest of %d measured cycles %.0f ms, p50 %.0f ms; Micrometer p99 %.0f ms incl. start-up cycles",
                    config.cycles(),
                    b.windowCycleMaxMs,
                    b.windowCycleP50Ms,
                    b.cycleP99);
            target(
                    "broadcast p99 < 250 ms at " + b.n + " x 100",
                    b.broadcastP99 < 250,
                    "Micrometer p99 %.0f ms, p50 %.0f ms",
                    b.broadcastP99,
                    b.broadcastP50);
        }
        Row detail7d = measured.stream()
                .max(Comparator.comparingLong(r -> r.detail7dMs))
                .orElseThrow();
        target(
                "detail view with 7 d < 1.5 s (all charts drawn)",
                // -1: not measured (the view never drew): no figure is no pass
                detail7d.detail7dMs >= 0 && detail7d.detail7dMs < 1500,
                "max %d ms at %d x %d; redrawing its charts %d ms, %.0f KB pushed",
                detail7d.detail7dMs,
                detail7d.n,
                detail7d.m,
                detail7d.detail7dDrawMs,
                detail7d.detail7dPushKb);
        Optional<Row> big =
                measured.stream().filter(r -> r.n == 500 && r.m == 100).findFirst();
        Row largest = measured.stream()
                .max(Comparator.<Row>comparingInt(r -> r.n).thenComparingInt(r -> r.m))
                .orElseThrow();
        if (big.isPresent()) {
            Row b = big.get();
            target(
                    "cycle p99 < 250 ms at 500 x 100",
                    b.windowCycleMaxMs < 250,
                    "slowest of %d measured cycles %.0f ms, p50 %.0f ms; Micrometer p99 %.0f ms incl. start-up cycles",
                    config.cycles(),
                    b.windowCycleMaxMs,
                    b.windowCycleP50Ms,
                    b.cycleP99);
        } else {
            System.out.printf(
                    Locale.ROOT,
                    "- cycle p99 < 250 ms at 500 x 100: NOT MEASURED (cell trimmed); at the largest measured"
                            + " cell %d x %d: slowest cycle in its window %.0f ms (%s)%n",
                    largest.n,
                    largest.m,
                    largest.windowCycleMaxMs,
                    largest.windowCycleMaxMs < 250 ? "under 250 ms" : "over 250 ms");
        }
        Row heap = measured.stream()
                .max(Comparator.comparingDouble(r -> r.heapPerSessionKb))
                .orElseThrow();
        target(
                "heap per session < 1 MB (all measured cells)",
                heap.heapPerSessionKb < 1024,
                "max %.0f KB at %d x %d",
                heap.heapPerSessionKb,
                heap.n,
                heap.m);
        Row paint = measured.stream()
                .max(Comparator.comparingLong(r -> r.firstCardMs))
                .orElseThrow();
        target(
                "overview first card < 1 s (fresh tab)",
                paint.firstCardMs < 1000,
                "max %d ms at %d x %d (FCP %d ms)",
                paint.firstCardMs,
                paint.n,
                paint.m,
                paint.fcpMs);
        Row detail = measured.stream()
                .max(Comparator.comparingLong(r -> r.detail1hMs))
                .orElseThrow();
        target(
                "detail view with 1 h of data < 1 s (all charts drawn)",
                detail.detail1hMs < 1000,
                "max %d ms at %d x %d",
                detail.detail1hMs,
                detail.n,
                detail.m);
        Row rss = measured.stream()
                .max(Comparator.comparingDouble(r -> r.rssIdleMb))
                .orElseThrow();
        target("idle RSS < 350 MB", rss.rssIdleMb < 350, "max %.0f MB (N=%d)", rss.rssIdleMb, rss.n);
        List<Row> trimmed = rows.stream().filter(r -> !r.note.isEmpty()).toList();
        if (!trimmed.isEmpty()) {
            System.out.println("- trimmed cells: "
                    + trimmed.stream().map(r -> r.n + "x" + r.m).toList() + " ("
                    + trimmed.get(0).note.replaceAll(": \\d+ tabs", ": more tabs") + ")");
        }
    }

    private static void target(String what, boolean met, String format, Object... args) {
        System.out.printf(
                Locale.ROOT, "- %s: %s (%s)%n", what, met ? "MET" : "MISSED", String.format(Locale.ROOT, format, args));
    }
}
