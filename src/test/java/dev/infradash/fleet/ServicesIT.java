package dev.infradash.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusProperties;
import dev.infradash.targets.Actor;
import dev.infradash.targets.AuditLog;
import dev.infradash.targets.DataProperties;
import dev.infradash.targets.ExporterDefinition;
import dev.infradash.targets.ExporterKind;
import dev.infradash.targets.ServerDefinition;
import dev.infradash.targets.ServiceCheck;
import dev.infradash.targets.ServiceKind;
import dev.infradash.targets.TargetFileStore;
import dev.infradash.targets.TargetRegistry;
import dev.infradash.targets.TargetValidator;
import dev.infradash.targets.TargetsProperties;
import dev.infradash.testsupport.PrometheusStack;
import dev.infradash.testsupport.PrometheusStackExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Service checks end to end with a REAL blackbox_exporter (the product's blackbox.yml and the
 * blackbox job of prometheus.yml): checks saved through the product's store, probed against
 * loopback targets this test runs (a dnsmasq among them), and shown in the collector's snapshot
 * (issue 14).
 */
class ServicesIT {

    private static final Duration SCRAPE = Duration.ofSeconds(1);

    @RegisterExtension
    static final PrometheusStackExtension prometheus = PrometheusStackExtension.with(
            b -> b.nodeExporters(1).scrapeInterval(SCRAPE).blackboxExporter().dnsResolver());

    @TempDir
    static Path dataDir;

    private static PrometheusStack stack;
    private static HttpServer healthy;
    private static HttpServer failing;
    private static PrometheusClient client;
    private static MetricsCollector collector;
    private static FleetSnapshotPublisher publisher;
    private static int closedPort;

    @BeforeAll
    static void start() throws IOException {
        stack = prometheus.stack();
        healthy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        healthy.createContext("/healthz", exchange -> {
            byte[] body = "healthz check passed".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        healthy.start();
        failing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        failing.createContext("/", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        failing.start();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ObjectMapper json = new ObjectMapper();
        CollectorProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                        "infradash.refresh-interval",
                        "200ms",
                        "infradash.rate-window",
                        "10s",
                        "infradash.slow-parts-interval",
                        "0s")))
                .bindOrCreate("infradash", CollectorProperties.class);
        PrometheusProperties prometheusProperties = PrometheusProperties.of(stack.prometheusUrl());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TargetRegistry registry = new TargetRegistry(new TargetsProperties(stack.targetsFile()), json);
        publisher = new FleetSnapshotPublisher(prometheusProperties, registry, meters);
        client = new PrometheusClient(prometheusProperties);
        collector = new MetricsCollector(
                client,
                new FleetQueries(properties),
                RecordingRules.fixed(
                        client, new FleetQueries(properties), new RecordingRules.Status(false, "raw in this test")),
                registry,
                publisher,
                List.of(),
                properties,
                Clock.systemUTC(),
                meters);

        TargetFileStore store = new TargetFileStore(
                new TargetsProperties(stack.targetsFile()),
                new TargetValidator(),
                new AuditLog(new DataProperties(dataDir), json),
                json,
                Clock.systemUTC());
        String node = stack.nodeExporterHostPort(0);
        ServerDefinition local = new ServerDefinition(
                "local",
                "Local",
                "test",
                List.of(ExporterDefinition.fromAddress(ExporterKind.NODE, node, "http", "/metrics")),
                Map.of(),
                List.of(
                        new ServiceCheck("web", ServiceKind.HTTP, "http://127.0.0.1:" + port(healthy) + "/healthz"),
                        new ServiceCheck(
                                "web-keyword",
                                ServiceKind.HTTP,
                                "http://127.0.0.1:" + port(healthy) + "/healthz",
                                "healthz check passed",
                                false,
                                ""),
                        new ServiceCheck("broken", ServiceKind.HTTP, "http://127.0.0.1:" + port(failing) + "/"),
                        new ServiceCheck("refused", ServiceKind.HTTP, "http://127.0.0.1:" + closedPort + "/"),
                        new ServiceCheck("exporter-port", ServiceKind.TCP, node),
                        new ServiceCheck("closed-port", ServiceKind.TCP, "127.0.0.1:" + closedPort)));
        store.add(local, store.load().version(), new Actor("it", "127.0.0.1"));
        stack.awaitTargetsUp(7, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws Exception {
        if (healthy != null) healthy.stop(0);
        if (failing != null) failing.stop(0);
        if (client != null) client.close();
        if (publisher != null) publisher.destroy();
    }

    private static int port(HttpServer server) {
        return server.getAddress().getPort();
    }

    private static Optional<ServiceState> service(String name) {
        return collector
                .collectNow()
                .server("local")
                .flatMap(s -> s.services().stream()
                        .filter(service -> service.name().equals(name))
                        .findFirst());
    }

    private static ServiceState awaitProbed(String name) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> service(name), s -> s.isPresent() && s.get().up() != null)
                .orElseThrow();
    }

    @Test
    void theLabelContractReachesEveryProbeSeries() {
        JsonNode result = await().atMost(Duration.ofSeconds(30))
                .until(() -> stack.query("probe_success{job=\"blackbox\",service=\"web\"}"), r -> r.size() == 1);
        JsonNode labels = result.get(0).get("metric");
        assertThat(labels.get("server").asText()).isEqualTo("local");
        assertThat(labels.get("role").asText()).isEqualTo("test");
        assertThat(labels.get("service_kind").asText()).isEqualTo("http");
        assertThat(labels.get("instance").asText()).isEqualTo("http://127.0.0.1:" + port(healthy) + "/healthz");
        ServerSnapshot local = collector.collectNow().server("local").orElseThrow();
        assertThat(local.exporters())
                .as("probes are no exporters")
                .extracting(ExporterHealth::job)
                .containsExactly("node");
    }

    @Test
    void aHealthyHttpServiceIsUpWithLatencyAndStatus() {
        ServiceState web = awaitProbed("web");
        assertThat(web.up()).as(web.toString()).isTrue();
        assertThat(web.latencyMs()).isPositive().isLessThan(5000);
        assertThat(web.statusCode()).isEqualTo(200);
        assertThat(web.uptime24hPercent()).isPositive();
        assertThat(web.certExpiresInDays()).as("plain http has no certificate").isNull();
        assertThat(awaitProbed("web-keyword").up())
                .as("the body has the keyword")
                .isTrue();
    }

    @Test
    void theSeriesOfOneCheckComeFromItsProbes() {
        awaitProbed("web");
        dev.infradash.history.ServiceHistory history = serviceHistory();
        var window = dev.infradash.history.TimeWindow.live(
                dev.infradash.history.TimeWindow.Preset.H1, java.time.Instant.now());
        var latency = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> history.series(
                                dev.infradash.history.ServiceHistory.Metric.SERVICE_LATENCY,
                                "local",
                                "web",
                                window,
                                SCRAPE),
                        s -> s.size() == 1 && !s.get(0).points().isEmpty());
        assertThat(latency.get(0).name()).isEqualTo("web");
        assertThat(latency.get(0).points())
                .allSatisfy(p -> assertThat(p.value()).isPositive().isLessThan(5000));
        var up = history.series(
                dev.infradash.history.ServiceHistory.Metric.SERVICE_UP, "local", "broken", window, SCRAPE);
        assertThat(up.get(0).points())
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.value()).isZero());
    }

    @Test
    void anHttpServiceAnswering503OrNotAtAllIsDown() {
        ServiceState broken = awaitProbed("broken");
        assertThat(broken.up()).isFalse();
        assertThat(broken.statusCode()).isEqualTo(503);
        assertThat(awaitProbed("refused").up()).isFalse();
    }

    @Test
    void tcpChecksSeeAnOpenAndAClosedPort() {
        assertThat(awaitProbed("exporter-port").up()).isTrue();
        assertThat(awaitProbed("closed-port").up()).isFalse();
    }

    @Test
    void requestsPerCycleDoNotGrowWithTheNumberOfChecks() throws IOException {
        awaitProbed("web");
        long before = stack.apiRequestCount();
        collector.collectNow();
        long perCycle = stack.apiRequestCount() - before;
        assertThat(perCycle).as("one combined query plus the alerts request").isEqualTo(2);

        // 20 more checks of another server, written by hand beside the store's
        StringBuilder more = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            more.append(",{\"targets\": [\"127.0.0.1:")
                    .append(port(healthy))
                    .append("\"], \"labels\": {")
                    .append("\"server\": \"many\", \"__infradash_exporter\": \"blackbox\", \"service\": \"c")
                    .append(i)
                    .append("\", \"service_kind\": \"tcp\", \"__param_module\": \"tcp_connect\"}}");
        }
        String file = Files.readString(stack.targetsFile()).strip();
        Path tmp = stack.targetsFile().resolveSibling("many.tmp");
        Files.writeString(tmp, file.substring(0, file.length() - 1) + more + "]");
        Files.move(tmp, stack.targetsFile(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> collector
                        .collectNow()
                        .server("many")
                        .map(s -> s.services().size() == 20
                                && s.services().stream().allMatch(c -> c.up() != null))
                        .orElse(false));
        before = stack.apiRequestCount();
        collector.collectNow();
        assertThat(stack.apiRequestCount() - before).as("with 20 more checks").isEqualTo(perCycle);
    }

    @Test
    void dnsAgainstALoopbackResolverIsUpWhileItAnswersAndDownOnceItStops() throws IOException {
        Assumptions.assumeTrue(
                stack.hasDnsResolver(),
                PrometheusStack.DNSMASQ_BIN + " is missing (Debian's dnsmasq-base, which `scripts/install-deps.sh"
                        + " --test` installs), so no loopback resolver can run for the dns module to probe");
        // by hand beside the store's groups, like the doomed check below, so no other test sees it
        appendTargetGroup("""
                {"targets": ["%s"], "labels": {"server": "local", "role": "test",
                 "__infradash_exporter": "blackbox", "service": "resolver", "service_kind": "dns",
                 "__param_module": "dns"}}""".formatted(stack.dnsResolverHostPort()));
        ServiceState answering = awaitProbed("resolver");
        assertThat(answering.up())
                .as("dnsmasq answers blackbox.yml's query_name: %s", answering)
                .isTrue();
        assertThat(answering.latencyMs()).isPositive().isLessThan(5000);
        assertThat(answering.statusCode()).as("no HTTP status for dns").isNull();

        stack.stopDnsResolver();
        long stopped = System.nanoTime();
        try {
            // a UDP query to a closed loopback port is refused at once, so the next probe fails
            await().atMost(SCRAPE.multipliedBy(3).plusMillis(500))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> service("resolver").map(ServiceState::down).orElse(false));
            System.out.printf(
                    "dnsmasq stopped -> dns check DOWN in the snapshot: %.2f s%n", (System.nanoTime() - stopped) / 1e9);
        } finally {
            stack.startDnsResolver();
        }
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> service("resolver")
                        .map(s -> Boolean.TRUE.equals(s.up()))
                        .orElse(false));
    }

    /** Adds one target group to the targets file, atomically, keeping every group already there. */
    private static void appendTargetGroup(String group) throws IOException {
        String file = Files.readString(stack.targetsFile()).strip();
        Path tmp = stack.targetsFile().resolveSibling("append.tmp");
        Files.writeString(tmp, file.replaceFirst("\\]$", (file.equals("[]") ? "" : ",") + group + "]"));
        Files.move(tmp, stack.targetsFile(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void stoppingTheHttpServerTurnsTheServiceDownWithinTwoScrapesWhileTheHostStaysUp() throws IOException {
        HttpServer doomed = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        doomed.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        doomed.start();
        // added to the file the product's way would race the other tests' store; a second server
        // in the file by hand keeps this test independent
        String file = Files.readString(stack.targetsFile());
        String group = """
                {"targets": ["http://127.0.0.1:%d/"], "labels": {"server": "local", "role": "test",
                 "__infradash_exporter": "blackbox", "service": "doomed", "service_kind": "http",
                 "__param_module": "http_2xx"}}""".formatted(port(doomed));
        Files.writeString(
                stack.targetsFile().resolveSibling("new.tmp"), file.strip().replaceFirst("\\]$", "," + group + "]"));
        Files.move(
                stack.targetsFile().resolveSibling("new.tmp"),
                stack.targetsFile(),
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        try {
            assertThat(awaitProbed("doomed").up()).isTrue();
        } finally {
            doomed.stop(0);
        }
        long stopped = System.nanoTime();
        // two scrape intervals, plus half a second for the probe's own timeout-free refusal and the query
        await().atMost(SCRAPE.multipliedBy(2).plusMillis(500))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> service("doomed").map(ServiceState::down).orElse(false));
        System.out.printf(
                "HTTP server stopped -> service DOWN in the snapshot: %.2f s%n", (System.nanoTime() - stopped) / 1e9);
        ServerSnapshot local = collector.collectNow().server("local").orElseThrow();
        assertThat(local.health()).as("the host stays up").isEqualTo(Health.UP);
    }

    // ---- the detail view's history of a check and the expected status ranges (issue 14) ----

    private static CollectorProperties historyProperties() {
        return new Binder(new MapConfigurationPropertySource(Map.of("infradash.scrape-interval", "1s")))
                .bindOrCreate("infradash", CollectorProperties.class);
    }

    /** The detail view's history pool; its threads start only when a load uses them. */
    private static dev.infradash.history.ServerHistory serverHistory() {
        CollectorProperties properties = historyProperties();
        return new dev.infradash.history.ServerHistory(
                client, new dev.infradash.history.ChartQueries(properties), properties, publisher);
    }

    private static dev.infradash.history.ServiceHistory serviceHistory() {
        return serviceHistory(serverHistory());
    }

    private static dev.infradash.history.ServiceHistory serviceHistory(dev.infradash.history.ServerHistory pool) {
        return new dev.infradash.history.ServiceHistory(client, historyProperties(), pool, Clock.systemUTC());
    }

    @Test
    void theDetailViewGetsEachChecksTimelineResponseTimeAndUptimeOfTheDataHeld() {
        awaitProbed("web");
        awaitProbed("broken");
        dev.infradash.history.ServerHistory pool = serverHistory();
        try {
            var history = serviceHistory(pool);
            var window = dev.infradash.history.TimeWindow.live(
                    dev.infradash.history.TimeWindow.Preset.M15, java.time.Instant.now());
            long before = stack.apiRequestCount();
            var details = await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> history.load("local", List.of("web", "broken"), window)
                                    .get(10, java.util.concurrent.TimeUnit.SECONDS),
                            d -> !d.timeline("web").isEmpty()
                                    && !d.uptime("broken").isEmpty()
                                    && d.uptime("web").get(0).percent() != null);
            assertThat(details.chartError()).isNull();
            assertThat(details.uptimeError()).isNull();
            assertThat(details.timeline("web").get(0).name()).isEqualTo("up");
            assertThat(details.timeline("web").get(0).points())
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p.value()).isEqualTo(100.0));
            assertThat(details.timeline("broken").get(1).points())
                    .as("down, all of the time")
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p.value()).isEqualTo(100.0));
            assertThat(details.latency("web").get(0).points())
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p.value()).isPositive().isLessThan(5000));

            var web = details.uptime("web");
            assertThat(web).extracting(u -> u.window().toHours()).containsExactly(24L, 168L, 720L);
            assertThat(web).allSatisfy(u -> {
                assertThat(u.percent()).isEqualTo(100.0);
                assertThat(u.complete())
                        .as("this stack is minutes old, not " + u.window())
                        .isFalse();
                assertThat(u.held()).isPositive().isLessThan(Duration.ofMinutes(10));
            });
            assertThat(web.get(2).text()).startsWith("30 d: 100.00 % over the ").endsWith(" of data held");
            assertThat(details.uptime("broken").get(0).percent()).isZero();
            System.out.printf(
                    "service history of 2 checks: %d Prometheus requests%n", stack.apiRequestCount() - before);
        } finally {
            pool.destroy();
        }
    }

    @Test
    void expectedStatusRangesAreDecidedByTheShippedModules() throws Exception {
        HttpServer guarded = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        guarded.createContext("/login", exchange -> {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        guarded.createContext("/moved", exchange -> {
            // to a port nothing listens on: following the redirect fails
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + closedPort + "/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        guarded.start();
        try {
            String base = "http://127.0.0.1:" + port(guarded);
            List<ServiceCheck> checks = List.of(
                    new ServiceCheck("login-2xx", ServiceKind.HTTP, base + "/login"),
                    check("login-2xx-4xx", base + "/login", dev.infradash.targets.ExpectedStatus.BELOW_500),
                    new ServiceCheck("moved-2xx", ServiceKind.HTTP, base + "/moved"),
                    check("moved-2xx-3xx", base + "/moved", dev.infradash.targets.ExpectedStatus.SUCCESS_OR_REDIRECT),
                    check("login-2xx-3xx", base + "/login", dev.infradash.targets.ExpectedStatus.SUCCESS_OR_REDIRECT));
            ObjectMapper json = new ObjectMapper();
            TargetFileStore store = new TargetFileStore(
                    new TargetsProperties(stack.targetsFile()),
                    new TargetValidator(),
                    new AuditLog(new DataProperties(dataDir), json),
                    json,
                    Clock.systemUTC());
            store.add(
                    new ServerDefinition("statuses", "Statuses", "test", List.of(), Map.of(), checks),
                    store.load().version(),
                    new Actor("it", "127.0.0.1"));
            JsonNode probes = await().atMost(Duration.ofSeconds(20))
                    .until(() -> stack.query("probe_success{server=\"statuses\"}"), r -> r.size() == checks.size());
            Map<String, Double> up = new java.util.HashMap<>();
            probes.forEach(p -> up.put(
                    p.get("metric").get("service").asText(),
                    p.get("value").get(1).asDouble()));
            assertThat(up)
                    .containsEntry("login-2xx", 0.0)
                    .containsEntry("login-2xx-4xx", 1.0)
                    .containsEntry("moved-2xx", 0.0)
                    .containsEntry("moved-2xx-3xx", 1.0)
                    .containsEntry("login-2xx-3xx", 0.0);
            ServiceState login = await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> collector
                                    .collectNow()
                                    .server("statuses")
                                    .flatMap(s -> s.services().stream()
                                            .filter(c -> c.name().equals("login-2xx-4xx"))
                                            .findFirst()),
                            s -> s.isPresent() && s.get().up() != null)
                    .orElseThrow();
            assertThat(login.up()).isTrue();
            assertThat(login.statusCode()).isEqualTo(401);
            assertThat(login.expectStatus()).isEqualTo("2xx-4xx");
        } finally {
            guarded.stop(0);
        }
    }

    private static ServiceCheck check(String name, String url, dev.infradash.targets.ExpectedStatus status) {
        return new ServiceCheck(name, ServiceKind.HTTP, url, "", false, "", status);
    }
}
