package dev.infradash.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.testsupport.HttpReceiver;
import dev.infradash.testsupport.PrometheusStack;
import dev.infradash.testsupport.PrometheusStack.Exporter;
import dev.infradash.testsupport.PrometheusStackExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The running app for the alerting ITs: a fixed free port (Alertmanager must know where to post
 * relayed notifications before the app starts), an admin password, and REST calls as admin or
 * as anyone. The rules side is a trivial {@link RuleRoutes} the test fills.
 */
final class AlertingTestApp {

    static final String ADMIN_PASSWORD = "admin-password-for-alerting-it";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    final int port = freePort();

    void properties(PrometheusStackExtension prometheus, DynamicPropertyRegistry registry) {
        prometheus.app(registry);
        registry.add("server.port", () -> String.valueOf(port));
        registry.add("infradash.security.admin-password", () -> ADMIN_PASSWORD);
        registry.add("infradash.alerting.app-url-for-alertmanager", () -> "http://127.0.0.1:" + port);
    }

    /**
     * Alertmanager timings of seconds instead of production's 10 s / 1 m ({@code group_wait} /
     * {@code group_interval}), for the tests that follow an alert through Alertmanager to a
     * receiver: a firing message ~1 s after Prometheus fires, a resolved one ~2 s after it
     * resolves, instead of up to a minute. The repeat interval stays production's 4 h, so a
     * firing message still comes once. {@link AlertingSpeedIT} measures the production timings
     * and does not call this.
     */
    static void shortAlertmanagerTimings(DynamicPropertyRegistry registry) {
        registry.add("infradash.alerting.group-wait", () -> "1s");
        registry.add("infradash.alerting.group-interval", () -> "2s");
    }

    /**
     * The down-server ITs' stack: Alertmanager and one node_exporter, listed as server
     * {@code e2e-1} and up before the app starts, for a test to stop and start again.
     */
    static PrometheusStackExtension oneServerAndAlertmanager() {
        return PrometheusStackExtension.with(stack -> stack.nodeExporters(1).alertmanager())
                .then(stack -> {
                    stack.writeTargets(PrometheusStack.server(
                            "e2e-1", "test", "E2E One", Exporter.NODE, stack.nodeExporterHostPort(0)));
                    stack.awaitTargetsUp(1, Duration.ofSeconds(30));
                });
    }

    /** Alertmanager's webhook for the {@code down-fast} rule on {@code e2e-1}, in {@code status}. */
    static boolean isDownFast(HttpReceiver.Received received, String status) {
        JsonNode body = read(received.body());
        return body.path("status").asText().equals(status)
                && body.path("groupLabels").path("alertname").asText().equals("down_fast")
                && body.path("groupLabels").path("server").asText().equals("e2e-1");
    }

    /** The rules helper's side, as simple as it gets: the test sets the routes. */
    static final class FixedRuleRoutes implements RuleRoutes {
        volatile List<RuleRoute> routes = List.of();

        @Override
        public List<RuleRoute> routes() {
            return routes;
        }
    }

    /** Routes the test sets, instead of the stored rules' (which route everything to every channel). */
    @TestConfiguration(proxyBeanMethods = false)
    static class Rules {
        @Bean
        @org.springframework.context.annotation.Primary
        FixedRuleRoutes ruleRoutes() {
            return new FixedRuleRoutes();
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> call(String method, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (body != null) request.header("Content-Type", "application/json");
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> admin(String method, String path, String body) {
        return call(method, path, body, basic("admin", ADMIN_PASSWORD));
    }

    /** Creates a channel as admin; returns its id. */
    String create(String json) {
        HttpResponse<String> response = admin("POST", "/api/alerting/channels", json);
        if (response.statusCode() != 201)
            throw new AssertionError("create: " + response.statusCode() + " " + response.body());
        return read(response.body()).path("id").asText();
    }

    /** The channel as GET lists it. */
    JsonNode channel(String id) {
        HttpResponse<String> response = admin("GET", "/api/alerting/channels/" + id, null);
        if (response.statusCode() != 200)
            throw new AssertionError("get: " + response.statusCode() + " " + response.body());
        return read(response.body());
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
