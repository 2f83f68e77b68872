package dev.infradash.alerting;

import static dev.infradash.testsupport.PrometheusStack.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.infradash.base.FileOperations;
import dev.infradash.prometheus.Alert;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.testsupport.PrometheusStack;
import dev.infradash.testsupport.PrometheusStack.Exporter;
import dev.infradash.testsupport.PrometheusStack.TargetGroup;
import dev.infradash.testsupport.PrometheusStackExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Rules against a REAL Prometheus (1 s scrape, --web.enable-lifecycle): a {@code down} rule made
 * over REST becomes a firing alert carrying the server and the rule id once a node_exporter
 * stops; a rule Prometheus cannot parse is refused, and a rule file Prometheus refuses on reload
 * is rolled back to the last good one, which Prometheus keeps evaluating. The service conditions
 * fire on a real blackbox_exporter's probes of loopback servers: a stopped HTTP server, a
 * self-signed certificate about to expire.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertRulesIT {

    private static final String ADMIN_PASSWORD = "admin-password-for-rules-it";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] KEYSTORE_PASSWORD = "probe-test".toCharArray();
    /** The certificate expiry test's: three days left, well within the rule's 14. */
    private static final SelfSignedKeystore KEYSTORE = SelfSignedKeystore.start(3);
    /** The service checks' loopback servers: "api" (the service down test stops it) and the TLS "panel". */
    private static final HttpServer API = loopbackServer();

    /** Bound now, so its port goes into the targets; serves once keytool is done (the stack's set-up). */
    private static final HttpsServer PANEL = bindHttpsServer();

    @RegisterExtension
    static final PrometheusStackExtension prometheus = PrometheusStackExtension.with(
                    b -> b.nodeExporters(2).blackboxExporter())
            .then(stack -> {
                serveTls(PANEL, KEYSTORE.await());
                String api = "http://127.0.0.1:" + API.getAddress().getPort() + "/";
                String panel = "https://127.0.0.1:" + PANEL.getAddress().getPort() + "/";
                stack.writeTargets(
                        server("web-1", "web", "Web One", Exporter.NODE, stack.nodeExporterHostPort(0)),
                        server("db-1", "db", "DB One", Exporter.NODE, stack.nodeExporterHostPort(1)),
                        check("web-1", "web", "api", api, "http_2xx"),
                        check("db-1", "db", "db-api", api, "http_2xx"),
                        check("web-1", "web", "panel", panel, "http_2xx_insecure"));
                // the checks are probed before the first test: no test waits for target discovery
                stack.awaitTargetsUp(5, Duration.ofSeconds(30));
            });

    @LocalServerPort
    int port;

    @Autowired
    PrometheusClient client;

    @Autowired
    RuleFileRenderer renderer;

    @Autowired
    AlertingProperties properties;

    @DynamicPropertySource
    static void app(DynamicPropertyRegistry registry) {
        prometheus.app(registry);
        registry.add("infradash.security.admin-password", () -> ADMIN_PASSWORD);
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/alerting/rules"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        ("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String loadedRules() {
        return prometheus.stack().api("/api/v1/rules", Map.of()).toString();
    }

    @Test
    @Order(1)
    void aDownRuleMadeOverRestFiresWithTheServerAndTheRuleOnceAnExporterStops() throws Exception {
        PrometheusStack stack = prometheus.stack();
        // the defaults were rendered and loaded at start
        await().atMost(Duration.ofSeconds(20)).until(() -> loadedRules().contains("TargetDown"));

        HttpResponse<String> created = post(
                "{\"name\": \"down-fast\", \"condition\": \"down\", \"for\": \"15s\", \"severity\": \"critical\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("id").asText()).isEqualTo("down-fast");
        assertThat(loadedRules()).as("Prometheus loaded it on the reload").contains("down_fast");

        long stopped = System.nanoTime();
        stack.stopNodeExporter(1);
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> firing("down_fast").stream()
                            .anyMatch(alert -> "db-1".equals(alert.labels().get("server"))));
            long seconds = Duration.ofNanos(System.nanoTime() - stopped).toSeconds();
            System.out.printf(
                    "down_fast firing %d s after node_exporter of db-1 stopped (for: 15s, scrape 1 s)%n", seconds);
            Alert alert = firing("down_fast").get(0);
            assertThat(alert.labels())
                    .containsEntry("server", "db-1")
                    .containsEntry(RuleRoutes.RULE_LABEL, "down-fast")
                    .containsEntry("severity", "critical");
            assertThat(alert.annotations().get("summary")).isEqualTo("node exporter of db-1 is down");
            assertThat(seconds).as("not before for: 15s").isGreaterThanOrEqualTo(15);
            assertThat(firing("down_fast")).as("web-1 still answers").hasSize(1);
        } finally {
            stack.startNodeExporter(1);
        }
    }

    @Test
    @Order(2)
    void anExpressionPrometheusCannotParseIsRefusedOnItsFieldAndNothingChanges() throws Exception {
        String before = Files.readString(properties.ruleFile());

        HttpResponse<String> refused = post(
                "{\"name\": \"broken\", \"condition\": \"advanced\", \"for\": \"1m\", \"advanced\": \"rate(up[5m]\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        var error = JSON.readTree(refused.body()).path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("advanced");
        assertThat(error.path("message").asText()).contains("Prometheus", "parse error");
        assertThat(Files.readString(properties.ruleFile())).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aRuleFilePrometheusRefusesIsRolledBackAndTheLastGoodOneStaysLoaded() throws Exception {
        String lastGood = Files.readString(properties.ruleFile());
        AlertRule unparseable = new AlertRule(
                "unparseable",
                "Unparseable",
                RuleCondition.ADVANCED,
                null,
                Duration.ofMinutes(1),
                Severity.WARNING,
                RuleScope.all(),
                List.of(),
                true,
                "sum(up",
                "");
        ManagedRuleFile file = new ManagedRuleFile(properties.ruleFile(), client, FileOperations.SYSTEM);

        assertThatThrownBy(() -> file.install(renderer.render(List.of(unparseable))))
                .isInstanceOf(RuleFileRefusedException.class)
                .hasMessageContaining("Prometheus refused");

        assertThat(Files.readString(properties.ruleFile())).isEqualTo(lastGood);
        assertThat(loadedRules()).contains("down_fast").doesNotContain("Unparseable");
    }

    @Test
    @Order(4)
    void aServiceDownRuleFiresForTheCheckWhoseServerStops() throws Exception {
        HttpResponse<String> created = post("{\"name\": \"api-down\", \"condition\": \"service_down\","
                + " \"service\": \"api\", \"for\": \"1s\", \"severity\": \"critical\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> prometheus
                                .stack()
                                .query("probe_success{service=~\"api|db-api\"} == 1")
                                .size()
                        == 2);
        assertThat(alerts("api_down"))
                .as("nothing fails while the server answers")
                .isEmpty();

        long stopped = System.nanoTime();
        API.stop(0);
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> !firing("api_down").isEmpty());
        System.out.printf(
                "api_down firing %.1f s after the probed HTTP server stopped (for: 1s, scrape 1 s)%n",
                (System.nanoTime() - stopped) / 1e9);
        Alert alert = firing("api_down").get(0);
        assertThat(alert.labels())
                .containsEntry("server", "web-1")
                .containsEntry("service", "api")
                .containsEntry("service_kind", "http")
                .containsEntry(RuleRoutes.RULE_LABEL, "api-down");
        assertThat(alert.annotations().get("summary")).isEqualTo("Service api of web-1 is down");
        assertThat(alerts("api_down"))
                .as("db-api probes the same server but is not the rule's service")
                .hasSize(1);
    }

    @Test
    @Order(5)
    void aCertificateExpiryRuleFiresForASelfSignedCertificateThatExpiresInThreeDays() throws Exception {
        for (String rule : List.of(
                "{\"name\": \"cert-tomorrow\", \"condition\": \"certificate_expiry\", \"threshold\": 1,"
                        + " \"service\": \"panel\", \"for\": \"1s\"}",
                "{\"name\": \"cert-soon\", \"condition\": \"certificate_expiry\", \"threshold\": 14,"
                        + " \"service\": \"panel\", \"for\": \"1s\"}")) {
            HttpResponse<String> created = post(rule);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        long posted = System.nanoTime();

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> !firing("cert_soon").isEmpty());
        System.out.printf(
                "cert_soon firing %.1f s after the rule was made (for: 1s, scrape 1 s)%n",
                (System.nanoTime() - posted) / 1e9);
        Alert alert = firing("cert_soon").get(0);
        assertThat(alert.labels()).containsEntry("server", "web-1").containsEntry("service", "panel");
        assertThat(alert.annotations().get("summary"))
                .isEqualTo("Certificate of panel on web-1 expires within 14 days");
        // keytool's -validity 3 is 3 days from when the class loaded, minus the seconds since
        assertThat(alert.annotations().get("description")).contains("expires in 3.0 days");
        assertThat(prometheus.stack().query("probe_success{service=\"panel\"} == 1"))
                .as("the insecure module accepts the self-signed certificate")
                .hasSize(1);
        // cert-tomorrow was loaded first: Prometheus evaluated it with the probes that made cert-soon fire
        assertThat(alerts("cert_tomorrow"))
                .as("3 days left is not within 1 day")
                .isEmpty();
    }

    @AfterAll
    static void stopServers() throws IOException {
        API.stop(0);
        PANEL.stop(0);
        KEYSTORE.delete();
    }

    /** A target group of the blackbox job: one http check of a server. */
    private static TargetGroup check(String server, String role, String service, String target, String module) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("server", server);
        labels.put("role", role);
        labels.put("__infradash_exporter", "blackbox");
        labels.put("service", service);
        labels.put("service_kind", "http");
        labels.put("__param_module", module);
        return new TargetGroup(List.of(target), labels);
    }

    private static HttpServer loopbackServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpsServer bindHttpsServer() {
        try {
            return HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the bound server with the keystore's certificate, answering 204 to everything. */
    private static void serveTls(HttpsServer server, Path keystore) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(keystore)) {
                store.load(in, KEYSTORE_PASSWORD);
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, KEYSTORE_PASSWORD);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, null);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot serve TLS with " + keystore, e);
        }
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    /**
     * A PKCS12 keystore with a self-signed certificate valid for {@code days} from now, made by
     * the JDK's keytool. keytool is a JVM of its own, seconds to start on a busy machine: the
     * class starts it when it loads, so it runs while the application context starts.
     */
    private record SelfSignedKeystore(Path dir, Process keytool) {

        static SelfSignedKeystore start(int days) {
            try {
                Path dir = Files.createTempDirectory("infradash-tls-");
                Process keytool = new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "keytool")
                                        .toString(),
                                "-genkeypair",
                                "-alias",
                                "server",
                                "-keyalg",
                                "EC",
                                "-groupname",
                                "secp256r1",
                                "-dname",
                                "CN=localhost",
                                "-validity",
                                Integer.toString(days),
                                "-keystore",
                                dir.resolve("server.p12").toString(),
                                "-storetype",
                                "PKCS12",
                                "-storepass",
                                new String(KEYSTORE_PASSWORD))
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("keytool.log").toFile())
                        .start();
                return new SelfSignedKeystore(dir, keytool);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The keystore, once keytool has written it. */
        Path await() {
            try {
                if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                    throw new IllegalStateException("keytool failed: " + Files.readString(dir.resolve("keytool.log")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return dir.resolve("server.p12");
        }

        void delete() throws IOException {
            try (var files = Files.walk(dir)) {
                for (Path file :
                        files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Alerts of that name in any state (pending or firing). */
    private List<Alert> alerts(String name) {
        return client.alerts().stream()
                .filter(alert -> name.equals(alert.labels().get("alertname")))
                .toList();
    }

    private List<Alert> firing(String name) {
        return client.alerts().stream()
                .filter(alert -> name.equals(alert.labels().get("alertname")))
                .filter(alert -> alert.state().equals("firing"))
                .toList();
    }
}
