package dev.infradash.testsupport;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.testsupport.GpuExporterStub.Dialect;
import dev.infradash.testsupport.GpuExporterStub.Gpu;
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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real Prometheus (with a copy of the product's {@code prometheus/prometheus.yml}), K real
 * node_exporters and optional {@link GpuExporterStub}s, all on free 127.0.0.1 ports in a temp
 * directory. Targets are written to the copied config's {@code targets/targets.json}, which
 * Prometheus re-reads through inotify. {@link #close()} kills everything and deletes the directory.
 *
 * <pre>{@code
 * try (var stack = PrometheusStack.builder().nodeExporters(2)
 *         .gpuExporter(Dialect.DCGM, gpu).start()) {
 *     stack.writeTargets(PrometheusStack.server("web-1", "app", "Web 1", Exporter.NODE,
 *             stack.nodeExporterHostPort(0)));
 *     stack.awaitTargetsUp(1, Duration.ofSeconds(20));
 *     JsonNode result = stack.query("up{server=\"web-1\"}");
 * }
 * }</pre>
 */
public final class PrometheusStack implements AutoCloseable {

    static final Path PROMETHEUS_BIN = Path.of("/usr/bin/prometheus");
    static final Path NODE_EXPORTER_BIN = Path.of("/usr/bin/prometheus-node-exporter");
    static final Path ALERTMANAGER_BIN = Path.of("/usr/bin/prometheus-alertmanager");
    static final Path VICTORIA_METRICS_BIN = Path.of("/usr/bin/victoria-metrics");
    static final Path BLACKBOX_EXPORTER_BIN = Path.of("/usr/bin/prometheus-blackbox-exporter");
    /** Debian's dnsmasq-base: the loopback resolver dns checks are probed against. */
    public static final Path DNSMASQ_BIN = Path.of("/usr/sbin/dnsmasq");

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /** Value of {@code __infradash_exporter}: selects the scrape job. */
    public enum Exporter {
        NODE,
        GPU,
        OTHER;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One file_sd target group (one exporter of one server). */
    public record TargetGroup(List<String> targets, Map<String, String> labels) {
        public TargetGroup {
            targets = List.copyOf(targets);
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }
    }

    /** A target group in the product's convention; {@code displayName} may be null. */
    public static TargetGroup server(String id, String role, String displayName, Exporter exporter, String hostPort) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("server", id);
        labels.put("role", role);
        labels.put("__infradash_exporter", exporter.label());
        if (displayName != null) labels.put("__infradash_name", displayName);
        return new TargetGroup(List.of(hostPort), labels);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private int nodeExporters = 1;
        private final List<GpuExporterStub> gpuStubs = new ArrayList<>();
        private Duration scrapeInterval = Duration.ofSeconds(1);
        private Duration startupTimeout = Duration.ofSeconds(30);
        private String extraRules;
        private boolean alertmanager;
        private boolean victoriaMetrics;
        private List<String> nodeExporterArgs =
                List.of("--no-collector.systemd"); // systemd needs D-Bus: only log noise here
        private Path config = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .resolve("prometheus/prometheus.yml");
        private boolean blackboxExporter;
        private boolean dnsResolver;

        private Builder() {}

        /**
         * Also starts dnsmasq ({@link #DNSMASQ_BIN}) as a DNS resolver on a free 127.0.0.1 port
         * that answers only the name the product's {@code blackbox.yml} dns module asks for (with
         * 127.0.0.1) and refuses every other: no upstream, no /etc/hosts, no config file. When
         * dnsmasq is not installed the stack starts without it: see {@link #hasDnsResolver()}.
         */
        public Builder dnsResolver() {
            dnsResolver = true;
            return this;
        }

        /**
         * Also starts a real blackbox_exporter (service checks) with the product's
         * {@code prometheus/blackbox.yml} on a free 127.0.0.1 port, and points the copied
         * prometheus.yml's blackbox job at it.
         */
        public Builder blackboxExporter() {
            blackboxExporter = true;
            return this;
        }

        public Builder nodeExporters(int count) {
            nodeExporters = count;
            return this;
        }

        /**
         * Collector flags of every node_exporter instead of the default {@code --no-collector.systemd},
         * e.g. {@code --collector.disable-defaults --collector.cpu ...} for a lighter exporter in the bench.
         */
        public Builder nodeExporterArgs(String... args) {
            nodeExporterArgs = List.of(args);
            return this;
        }

        /** Adds a GPU exporter stub; may be called several times. Started at once, closed with the stack. */
        public Builder gpuExporter(Dialect dialect, Gpu... gpus) {
            gpuStubs.add(GpuExporterStub.start(dialect, gpus));
            return this;
        }

        /** Also used as evaluation_interval. Default 1 s. */
        public Builder scrapeInterval(Duration interval) {
            scrapeInterval = interval;
            return this;
        }

        public Builder startupTimeout(Duration timeout) {
            startupTimeout = timeout;
            return this;
        }
        /** An extra rule file (YAML text) next to the product's rules, e.g. an alert with a short {@code for:}. */
        public Builder extraRules(String yaml) {
            extraRules = yaml;
            return this;
        }
        /**
         * Also starts a real Alertmanager (Debian's prometheus-alertmanager) on a free loopback
         * port, with a receiver-less configuration at {@link #alertmanagerConfigFile()}, and points
         * Prometheus at it (any {@code alerting:} block of the copied config is replaced).
         */
        public Builder alertmanager() {
            alertmanager = true;
            return this;
        }

        /**
         * Runs single-node VictoriaMetrics (Debian's victoria-metrics) INSTEAD of Prometheus, scraping
         * the same copied config and targets file; {@link #prometheusUrl()} then names it. It loads
         * no rule files and sends no alerts: the point is Infradash against another backend.
         */
        public Builder victoriaMetrics() {
            victoriaMetrics = true;
            return this;
        }

        /** The config to copy; default {@code <basedir>/prometheus/prometheus.yml}. */
        public Builder prometheusConfig(Path path) {
            config = path;
            return this;
        }

        public PrometheusStack start() {
            PrometheusStack stack = new PrometheusStack(this);
            try {
                stack.startAll(nodeExporters);
                return stack;
            } catch (RuntimeException | Error e) {
                stack.close();
                throw e;
            }
        }
    }

    private final Path workDir;
    private final Path configFile;
    private final String extraRules;
    private final Path targetsFile;
    private final Path dataDir;
    private final Path sourceConfig;
    private final Duration scrapeInterval;
    private final Duration startupTimeout;
    private final List<GpuExporterStub> gpuStubs;
    private final List<String> nodeExporterArgs;
    private final List<Daemon> nodeExporters = new ArrayList<>();
    private final boolean withAlertmanager;
    private final boolean victoriaMetrics;
    private final Path alertmanagerConfigFile;
    private Daemon alertmanager;
    private final Thread shutdownHook = new Thread(this::killAll, "prometheus-stack-killer");
    private Daemon prometheus;
    private final boolean startBlackbox;
    private Daemon blackbox;
    private final boolean startDnsResolver;
    private Daemon dnsmasq;

    private PrometheusStack(Builder b) {
        for (Path bin : List.of(PROMETHEUS_BIN, NODE_EXPORTER_BIN)) {
            if (!Files.isExecutable(bin)) {
                b.gpuStubs.forEach(GpuExporterStub::close);
                throw new IllegalStateException(
                        bin + " is missing: run `apt-get install -y prometheus prometheus-node-exporter`");
            }
        }
        sourceConfig = b.config;
        extraRules = b.extraRules;
        scrapeInterval = b.scrapeInterval;
        startupTimeout = b.startupTimeout;
        gpuStubs = List.copyOf(b.gpuStubs);
        nodeExporterArgs = b.nodeExporterArgs;
        withAlertmanager = b.alertmanager;
        victoriaMetrics = b.victoriaMetrics;
        startBlackbox = b.blackboxExporter;
        startDnsResolver = b.dnsResolver;
        try {
            workDir = Files.createTempDirectory("infradash-prometheus-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        configFile = workDir.resolve("prometheus/prometheus.yml");
        targetsFile = workDir.resolve("prometheus/targets/targets.json");
        dataDir = workDir.resolve("data");
        alertmanagerConfigFile = workDir.resolve("alertmanager/alertmanager.yml");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private void startAll(int nodeExporterCount) {
        try {
            Files.createDirectories(targetsFile.getParent());
            Files.createDirectories(dataDir);
            // without Alertmanager, no alerting block: the compose address would not resolve here
            Files.writeString(
                    configFile, withoutAlertingBlock(rewriteIntervals(Files.readString(sourceConfig), scrapeInterval)));
            // the product's alert rules, plus any a test adds (e.g. with a short `for:`)
            Path rules = configFile.resolveSibling("rules");
            Files.createDirectories(rules);
            Path sourceRules = sourceConfig.resolveSibling("rules");
            if (Files.isDirectory(sourceRules)) {
                try (var files = Files.list(sourceRules)) {
                    for (Path file :
                            files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                        Files.copy(file, rules.resolve(file.getFileName()));
                    }
                }
            }
            if (extraRules != null) {
                Files.writeString(rules.resolve("test-extra.yml"), extraRules);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeTargets(List.of());
        if (withAlertmanager) {
            startAlertmanagerDaemon();
        }
        for (int i = 0; i < nodeExporterCount; i++) {
            nodeExporters.add(startOnFreePort(
                    "node-exporter-" + i,
                    port -> Stream.concat(
                                    Stream.of(NODE_EXPORTER_BIN.toString(), "--web.listen-address=127.0.0.1:" + port),
                                    nodeExporterArgs.stream())
                            .toList(),
                    "/"));
        }
        if (startBlackbox) {
            startBlackboxExporter();
        }
        if (startDnsResolver && Files.isExecutable(DNSMASQ_BIN)) {
            startDnsmasq();
        }
        if (victoriaMetrics) {
            prometheus = startOnFreePort(
                    "victoria-metrics",
                    port -> List.of(
                            VICTORIA_METRICS_BIN.toString(),
                            "-httpListenAddr=127.0.0.1:" + port,
                            "-storageDataPath=" + dataDir,
                            "-promscrape.config=" + configFile,
                            // prometheus.yml also has rule_files and alerting, which vmagent's parser does not know
                            "-promscrape.config.strictParse=false",
                            // default 30 s: a test would wait that long for an edited targets file
                            "-promscrape.fileSDCheckInterval=1s",
                            // default 30 s: hides the newest points of a 1 s scrape from instant queries
                            "-search.latencyOffset=1s"),
                    "/health");
            return;
        }
        prometheus = startOnFreePort(
                "prometheus",
                port -> List.of(
                        PROMETHEUS_BIN.toString(),
                        "--config.file=" + configFile,
                        "--storage.tsdb.path=" + dataDir,
                        "--web.listen-address=127.0.0.1:" + port,
                        // POST /-/reload: Infradash reloads the rule files it writes
                        "--web.enable-lifecycle",
                        // default 1 m: a firing alert whose first delivery to Alertmanager was lost
                        // (Alertmanager reloading, not yet discovered) would only be sent again a
                        // minute later, past every test's wait. Alerts then end 4 x 2 s after the
                        // last evaluation that saw them, far above the 1 s evaluation interval.
                        "--rules.alert.resend-delay=2s"),
                "/-/ready");
    }

    /** Where the copied prometheus.yml sends alerts: nowhere, or this stack's Alertmanager. */
    private void startAlertmanagerDaemon() {
        if (!Files.isExecutable(ALERTMANAGER_BIN)) {
            throw new IllegalStateException(
                    ALERTMANAGER_BIN + " is missing: run `apt-get install -y prometheus-alertmanager`");
        }
        try {
            Files.createDirectories(alertmanagerConfigFile.getParent());
            Files.writeString(alertmanagerConfigFile, """
                    # no receiver until a test (or Infradash) writes one
                    route:
                      receiver: "null"
                    receivers:
                      - name: "null"
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path storage = workDir.resolve("alertmanager/data");
        alertmanager = startOnFreePort(
                "alertmanager",
                port -> List.of(
                        ALERTMANAGER_BIN.toString(),
                        "--config.file=" + alertmanagerConfigFile,
                        "--storage.path=" + storage,
                        "--web.listen-address=127.0.0.1:" + port,
                        "--cluster.listen-address="), // no gossip port: one instance, loopback only
                "/-/ready");
        try {
            String yaml = Files.readString(configFile);
            Files.writeString(
                    configFile,
                    withoutAlertingBlock(yaml)
                            + "\nalerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['127.0.0.1:"
                            + alertmanager.port + "']\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startBlackboxExporter() {
        if (!Files.isExecutable(BLACKBOX_EXPORTER_BIN)) {
            throw new IllegalStateException(
                    BLACKBOX_EXPORTER_BIN + " is missing: run `apt-get install -y prometheus-blackbox-exporter`");
        }
        Path modules = sourceConfig.resolveSibling("blackbox.yml");
        blackbox = startOnFreePort(
                "blackbox-exporter",
                port -> List.of(
                        BLACKBOX_EXPORTER_BIN.toString(),
                        "--config.file=" + modules,
                        "--web.listen-address=127.0.0.1:" + port),
                "/-/healthy");
        try {
            Files.writeString(
                    configFile, rewriteBlackboxAddress(Files.readString(configFile), blackboxExporterHostPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startDnsmasq() {
        String name = dnsQueryName();
        // as root dnsmasq drops to its compiled-in user, which only dnsmasq-base's postinst
        // creates; nobody exists everywhere. Unprivileged, it keeps its user and needs none.
        List<String> user = "root".equals(System.getProperty("user.name")) ? List.of("--user=nobody") : List.of();
        dnsmasq = startOnFreePort(
                "dnsmasq",
                port -> Stream.concat(
                                Stream.of(
                                        DNSMASQ_BIN.toString(),
                                        "--keep-in-foreground",
                                        "--log-facility=-", // stderr, into dnsmasq.log like the other daemons
                                        "--log-queries",
                                        "--conf-file=/dev/null", // not a full dnsmasq's /etc/dnsmasq.conf
                                        "--pid-file=" + workDir.resolve("dnsmasq.pid"),
                                        "--no-resolv", // no upstream: nothing leaves the machine
                                        "--no-hosts",
                                        "--bind-interfaces",
                                        "--listen-address=127.0.0.1",
                                        "--port=" + port,
                                        "--address=/" + name + "/127.0.0.1"),
                                user.stream())
                        .toList(),
                port -> () -> DnsQuery.answers(port, name));
    }

    /** The {@code query_name} of the product's blackbox.yml dns module: the one name every dns check asks for. */
    private String dnsQueryName() {
        try {
            Matcher m = Pattern.compile("(?m)^\\s*query_name:\\s*\"?([A-Za-z0-9.-]+)\"?")
                    .matcher(Files.readString(sourceConfig.resolveSibling("blackbox.yml")));
            if (!m.find()) throw new IllegalStateException("no query_name in blackbox.yml's dns module");
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The YAML without its top-level {@code alerting:} block (up to the next top-level key). */
    static String withoutAlertingBlock(String yaml) {
        return yaml.replaceAll("(?ms)^alerting:.*?(?=^\\S|\\z)", "");
    }

    /** Points the blackbox job's {@code replacement: 127.0.0.1:19115} at {@code hostPort}, as run-local.sh does. */
    static String rewriteBlackboxAddress(String yaml, String hostPort) {
        Matcher m = Pattern.compile("(?m)^(\\s*replacement:\\s*)127\\.0\\.0\\.1:19115[ \\t]*$")
                .matcher(yaml);
        if (!m.find()) throw new IllegalStateException("no blackbox_exporter address in prometheus.yml");
        return m.replaceAll("$1" + hostPort);
    }

    static String rewriteIntervals(String yaml, Duration interval) {
        String value = interval.toMillis() + "ms";
        for (String key : List.of("scrape_interval", "evaluation_interval")) {
            Matcher m = Pattern.compile("(?m)^(\\s*" + key + ":\\s*)\\S+").matcher(yaml);
            if (!m.find()) throw new IllegalStateException("no " + key + " in prometheus.yml");
            yaml = m.replaceAll("$1" + value);
        }
        return yaml;
    }

    // ---- targets --------------------------------------------------------------------------

    public void writeTargets(TargetGroup... groups) {
        writeTargets(List.of(groups));
    }

    /** Replaces targets.json atomically (temp file + rename in the same directory). */
    public void writeTargets(List<TargetGroup> groups) {
        try {
            Path tmp = Files.createTempFile(targetsFile.getParent(), ".targets-", ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), groups);
            Files.move(tmp, targetsFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path targetsFile() {
        return targetsFile;
    }

    public Path configFile() {
        return configFile;
    }

    public Path workDir() {
        return workDir;
    }

    // ---- exporters -------------------------------------------------------------------------

    public int nodeExporterCount() {
        return nodeExporters.size();
    }

    public String nodeExporterHostPort(int i) {
        return "127.0.0.1:" + nodeExporters.get(i).port;
    }

    public void stopNodeExporter(int i) {
        nodeExporters.get(i).stop();
    }
    /** Restarts node exporter {@code i} on its previous port. */
    public void startNodeExporter(int i) {
        nodeExporters.get(i).start(startupTimeout);
    }

    public List<GpuExporterStub> gpuExporters() {
        return gpuStubs;
    }

    public GpuExporterStub gpuExporter(int i) {
        return gpuStubs.get(i);
    }

    /** {@code 127.0.0.1:port} of the blackbox_exporter started with {@link Builder#blackboxExporter()}. */
    public String blackboxExporterHostPort() {
        if (blackbox == null) throw new IllegalStateException("no blackbox_exporter: use builder().blackboxExporter()");
        return "127.0.0.1:" + blackbox.port;
    }

    /** The blackbox_exporter's log, e.g. to show why a probe failed. */
    public Path blackboxExporterLog() {
        return workDir.resolve("blackbox-exporter.log");
    }

    // ---- dns resolver ----------------------------------------------------------------------

    /** Whether {@link Builder#dnsResolver()} asked for dnsmasq and it is installed (it then runs). */
    public boolean hasDnsResolver() {
        return dnsmasq != null;
    }

    /** {@code 127.0.0.1:port} of the dnsmasq started with {@link Builder#dnsResolver()}. */
    public String dnsResolverHostPort() {
        if (dnsmasq == null) {
            throw new IllegalStateException(
                    startDnsResolver
                            ? DNSMASQ_BIN + " is missing: run `apt-get install -y dnsmasq-base`"
                            : "no DNS resolver: use builder().dnsResolver()");
        }
        return "127.0.0.1:" + dnsmasq.port;
    }

    public void stopDnsResolver() {
        dnsmasq.stop();
    }

    /** Restarts dnsmasq on its previous port; waits until it answers. */
    public void startDnsResolver() {
        dnsmasq.start(startupTimeout);
    }

    // ---- prometheus ------------------------------------------------------------------------

    /** The rule directory Prometheus loads ({@code rule_files: rules/*.yml} next to the config). */
    public Path rulesDir() {
        return configFile.resolveSibling("rules");
    }

    // ---- alertmanager ----------------------------------------------------------------------

    public boolean hasAlertmanager() {
        return alertmanager != null;
    }

    /** Alertmanager's URL; only with {@link Builder#alertmanager()}. */
    public URI alertmanagerUrl() {
        if (alertmanager == null) throw new IllegalStateException("started without .alertmanager()");
        return URI.create("http://127.0.0.1:" + alertmanager.port);
    }

    /** The configuration file Alertmanager was started with and reloads from. */
    public Path alertmanagerConfigFile() {
        return alertmanagerConfigFile;
    }

    public URI prometheusUrl() {
        return URI.create("http://127.0.0.1:" + prometheus.port);
    }
    /** Process id of the running Prometheus, e.g. to read its CPU time from /proc; -1 when stopped. */
    public long prometheusPid() {
        Process p = prometheus.process;
        return p == null ? -1 : p.pid();
    }
    /** Graceful stop (SIGTERM): the WAL is kept for {@link #startPrometheus()}. */
    public void stopPrometheus() {
        prometheus.stop();
    }
    /** Starts Prometheus again on the same port and data directory; waits for /-/ready. */
    public void startPrometheus() {
        prometheus.start(startupTimeout);
    }

    /** GET on the Prometheus HTTP API; returns the whole JSON answer, failing unless status is success. */
    public JsonNode api(String path, Map<String, String> params) {
        String query = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = prometheusUrl().resolve(path + (query.isEmpty() ? "" : "?" + query));
        HttpResponse<String> response = get(uri);
        try {
            JsonNode json = JSON.readTree(response.body());
            if (!"success".equals(json.path("status").asText())) {
                throw new IllegalStateException("GET " + uri + " -> " + response.statusCode() + ": " + response.body());
            }
            return json;
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + " -> " + response.statusCode() + ": " + response.body(), e);
        }
    }

    /**
     * How many HTTP API requests (any /api/v1/ handler, any status) Prometheus has served so far,
     * read live from its own {@code prometheus_http_requests_total} on /metrics, which is not an
     * API request and so does not count itself.
     */
    public long apiRequestCount() {
        String body = get(prometheusUrl().resolve("/metrics")).body();
        String counter = victoriaMetrics ? "vm_http_requests_total{" : "prometheus_http_requests_total{";
        String handler = victoriaMetrics ? "path=\"/api/v1/" : "handler=\"/api/v1/";
        return body.lines()
                .filter(line -> line.startsWith(counter) && line.contains(handler))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Instant query; returns {@code data.result}. */
    public JsonNode query(String promql) {
        return api("/api/v1/query", Map.of("query", promql)).path("data").path("result");
    }

    /** Range query; returns {@code data.result}. */
    public JsonNode queryRange(String promql, Instant start, Instant end, Duration step) {
        return api(
                        "/api/v1/query_range",
                        Map.of(
                                "query",
                                promql,
                                "start",
                                Double.toString(start.toEpochMilli() / 1000.0),
                                "end",
                                Double.toString(end.toEpochMilli() / 1000.0),
                                "step",
                                step.toMillis() + "ms"))
                .path("data")
                .path("result");
    }

    /** {@code activeTargets} of {@code /api/v1/targets}. */
    public List<JsonNode> activeTargets() {
        JsonNode targets =
                api("/api/v1/targets", Map.of("state", "active")).path("data").path("activeTargets");
        return StreamSupport.stream(targets.spliterator(), false).toList();
    }

    /** Waits until at least {@code n} active targets have health "up"; returns the active targets. */
    public List<JsonNode> awaitTargetsUp(int n, Duration timeout) {
        try {
            await().atMost(timeout)
                    .pollInterval(Duration.ofMillis(200))
                    // a busy Prometheus listing thousands of targets (the bench's N=2,000) may miss one poll's timeout
                    .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                    .until(() -> activeTargets().stream()
                                    .filter(t -> "up".equals(t.path("health").asText()))
                                    .count()
                            >= n);
            return activeTargets();
        } catch (ConditionTimeoutException e) {
            String summary = activeTargets().stream()
                    .map(t -> t.path("scrapeUrl").asText() + " " + t.path("labels") + " "
                            + t.path("health").asText() + " "
                            + t.path("lastError").asText())
                    .collect(Collectors.joining("\n  "));
            throw new AssertionError("fewer than " + n + " targets up after " + timeout + ":\n  " + summary, e);
        }
    }

    private static HttpResponse<String> get(URI uri) {
        return get(uri, Duration.ofSeconds(10));
    }

    /** A plain GET on loopback with the stack's proxy-less client; I/O failures become unchecked. */
    public static HttpResponse<String> get(URI uri, Duration timeout) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- lifecycle -------------------------------------------------------------------------

    @Override
    public void close() {
        Stream.of(
                        Stream.ofNullable(prometheus),
                        Stream.ofNullable(alertmanager),
                        Stream.ofNullable(blackbox),
                        Stream.ofNullable(dnsmasq))
                .flatMap(d -> d)
                .forEach(Daemon::stop);
        nodeExporters.forEach(Daemon::stop);
        gpuStubs.forEach(GpuExporterStub::close);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing to do
        }
        deleteRecursively(workDir);
    }

    /** Shutdown-hook backup: the JVM is exiting without close(). */
    private void killAll() {
        Stream.of(
                        Stream.ofNullable(prometheus),
                        Stream.ofNullable(alertmanager),
                        Stream.ofNullable(blackbox),
                        Stream.ofNullable(dnsmasq))
                .flatMap(d -> d)
                .forEach(Daemon::kill);
        nodeExporters.forEach(Daemon::kill);
        deleteRecursively(workDir);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover temp dir is harmless
        }
    }

    /** Picks a free port and starts; retries with another port if someone grabbed it meanwhile. */
    private Daemon startOnFreePort(String name, IntFunction<List<String>> command, String readyPath) {
        return startOnFreePort(
                name, command, port -> Daemon.httpReady(URI.create("http://127.0.0.1:" + port + readyPath)));
    }

    /** The same with a readiness check of its own, for a daemon that speaks no HTTP. */
    private Daemon startOnFreePort(
            String name, IntFunction<List<String>> command, IntFunction<java.util.function.BooleanSupplier> ready) {
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            Daemon daemon =
                    new Daemon(name, port, command.apply(port), workDir.resolve(name + ".log"), ready.apply(port));
            try {
                daemon.start(startupTimeout);
                return daemon;
            } catch (IllegalStateException e) {
                // Go daemons say "address already in use", dnsmasq "Address already in use"; the free
                // TCP port may also be a taken UDP one
                if (attempt == 3 || !e.getMessage().toLowerCase(Locale.ROOT).contains("address already in use")) {
                    throw e;
                }
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One external process listening on 127.0.0.1:port, output appended to its log file. */
    private static final class Daemon {
        final String name;
        final int port;
        final List<String> command;
        final Path log;
        final java.util.function.BooleanSupplier ready;
        volatile Process process;

        Daemon(String name, int port, List<String> command, Path log, java.util.function.BooleanSupplier ready) {
            this.name = name;
            this.port = port;
            this.command = command;
            this.log = log;
            this.ready = ready;
        }

        synchronized void start(Duration timeout) {
            if (process != null && process.isAlive()) return;
            try {
                process = new ProcessBuilder(command)
                        .directory(log.getParent().toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command, e);
            }
            Process p = process;
            try {
                await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
                    if (!p.isAlive()) throw new IllegalStateException(name + " exited with code " + p.exitValue());
                    return ready.getAsBoolean();
                });
            } catch (RuntimeException e) {
                stop();
                throw new IllegalStateException(
                        name + " did not become ready on port " + port + ": " + e.getMessage() + "\n--- tail of " + log
                                + " ---\n" + tail(),
                        e);
            }
        }

        static java.util.function.BooleanSupplier httpReady(URI readyUri) {
            return () -> isReady(readyUri);
        }

        private static boolean isReady(URI readyUri) {
            try {
                return HTTP.send(
                                        HttpRequest.newBuilder(readyUri)
                                                .timeout(Duration.ofSeconds(2))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** SIGTERM, then SIGKILL after {@link #STOP_GRACE}. */
        synchronized void stop() {
            Process p = process;
            if (p == null) return;
            p.destroy();
            try {
                if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            process = null;
        }

        void kill() {
            Process p = process;
            if (p != null) p.destroyForcibly();
        }

        String tail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }
    }
}
