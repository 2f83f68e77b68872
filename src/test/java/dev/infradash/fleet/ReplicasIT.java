package dev.infradash.fleet;

import static dev.infradash.testsupport.PrometheusStack.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.Application;
import dev.infradash.testsupport.AppUnderTest;
import dev.infradash.testsupport.PrometheusStack;
import dev.infradash.testsupport.PrometheusStack.Exporter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 16, two replicas: two app processes (separate JVMs, as behind a proxy) on one data
 * directory and one Prometheus. A change on one is seen by the other within one cycle, a
 * concurrent edit is refused on one, and a token or user revoked on one is refused by the other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    private static final String ADMIN_PASSWORD = "admin-password-for-replicas-it";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One collector cycle with the default interval: the brief's bound (this test runs 1 s cycles). */
    private static final Duration ONE_CYCLE = Duration.ofSeconds(5);

    private static PrometheusStack stack;
    private static final List<Replica> replicas = new ArrayList<>();

    /** One app process. */
    private record Replica(String name, Process process, URI base, Path log) {}

    @BeforeAll
    static void start() throws Exception {
        stack = PrometheusStack.builder().nodeExporters(1).start();
        stack.writeTargets(server("web-1", "web", "Web One", Exporter.NODE, stack.nodeExporterHostPort(0)));
        Map<String, String> properties = new LinkedHashMap<>();
        AppUnderTest.against(stack, (name, value) -> properties.put(name, String.valueOf(value.get())));
        properties.put("infradash.security.admin-password", ADMIN_PASSWORD);
        // both processes start at once: the JVMs boot in parallel
        replicas.add(launch("a", properties));
        replicas.add(launch("b", properties));
        long launched = System.nanoTime();
        for (Replica replica : replicas) {
            try {
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> isUp(replica));
            } catch (RuntimeException e) {
                throw new IllegalStateException("replica " + replica.name() + " did not start:\n" + tail(replica), e);
            }
        }
        System.out.printf("both replicas answered after %d ms%n", (System.nanoTime() - launched) / 1_000_000);
    }

    @AfterAll
    static void stop() {
        for (Replica replica : replicas) {
            replica.process().destroy();
        }
        long launched = System.nanoTime();
        for (Replica replica : replicas) {
            try {
                if (!replica.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    replica.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                replica.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static Replica launch(String name, Map<String, String> properties) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                Application.class.getName(),
                "--server.port=" + port));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        Path log = stack.workDir().resolve("replica-" + name + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new Replica(name, process, URI.create("http://127.0.0.1:" + port), log);
    }

    private static boolean isUp(Replica replica) {
        if (!replica.process().isAlive()) {
            throw new IllegalStateException("replica " + replica.name() + " exited:\n" + tail(replica));
        }
        try {
            return send(replica, "GET", "/api/health", null, Map.of()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Replica replica) {
        try {
            List<String> lines = Files.readAllLines(replica.log(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static Replica a() {
        return replicas.get(0);
    }

    private static Replica b() {
        return replicas.get(1);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(
            Replica replica, String method, String path, String body, Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(replica.base().resolve(path))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static HttpResponse<String> asAdmin(Replica replica, String method, String path, String body)
            throws IOException {
        return send(replica, method, path, body, Map.of("Authorization", basic("admin", ADMIN_PASSWORD)));
    }

    private static String serverJson(String id, String displayName, String hostPort) {
        String[] parts = hostPort.split(":", 2);
        return """
                {"id": "%s", "displayName": "%s", "role": "web",
                 "exporters": [{"kind": "node", "host": "%s", "port": %s}]}""".formatted(id, displayName, parts[0], parts[1]);
    }

    private static List<String> serverIds(Replica replica) throws IOException {
        HttpResponse<String> response = asAdmin(replica, "GET", "/api/servers", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode root = JSON.readTree(response.body());
        JsonNode servers = root.has("servers") ? root.get("servers") : root;
        List<String> ids = new ArrayList<>();
        servers.forEach(server -> ids.add(server.path("id").asText()));
        return ids;
    }

    @Test
    @Order(1)
    void aServerAddedOnOneReplicaIsListedByTheOtherWithinOneCycle() throws Exception {
        await().atMost(ONE_CYCLE).untilAsserted(() -> assertThat(serverIds(b())).contains("web-1"));
        HttpResponse<String> list = asAdmin(a(), "GET", "/api/targets", null);
        String version = list.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> added = send(
                a(),
                "POST",
                "/api/targets/servers",
                serverJson("web-2", "Web Two", stack.nodeExporterHostPort(0).replace("127.0.0.1", "localhost")),
                Map.of("Authorization", basic("admin", ADMIN_PASSWORD), "If-Match", version));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);

        long addedAt = System.nanoTime();
        await().atMost(ONE_CYCLE)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(serverIds(b())).contains("web-2"));
        System.out.printf("web-2 added on A was listed by B after %d ms%n", (System.nanoTime() - addedAt) / 1_000_000);
    }

    @Test
    @Order(2)
    void ofTwoConcurrentEditsWithTheSameVersionOneIsRefused() throws Exception {
        String version = asAdmin(a(), "GET", "/api/targets", null)
                .headers()
                .firstValue("ETag")
                .orElseThrow();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> puts = new ArrayList<>();
        for (Replica replica : replicas) {
            String displayName = "Web Two from " + replica.name();
            puts.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    return send(
                            replica,
                            "PUT",
                            "/api/targets/servers/web-2",
                            serverJson(
                                    "web-2",
                                    displayName,
                                    stack.nodeExporterHostPort(0).replace("127.0.0.1", "localhost")),
                            Map.of("Authorization", basic("admin", ADMIN_PASSWORD), "If-Match", version));
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> put : puts) {
            statuses.add(put.get().statusCode());
        }
        assertThat(statuses).as("one written, one refused").containsExactlyInAnyOrder(200, 412);
        String winner = statuses.get(0) == 200 ? "a" : "b";
        JsonNode stored = JSON.readTree(
                asAdmin(b(), "GET", "/api/targets/servers/web-2", null).body());
        assertThat(stored.path("displayName").asText()).isEqualTo("Web Two from " + winner);
    }

    @Test
    @Order(3)
    void aTokenMadeOnOneReplicaWorksOnTheOtherUntilItIsRevokedOnTheFirst() throws Exception {
        HttpResponse<String> user = asAdmin(a(), "POST", "/api/users", """
                {"username": "script-owner", "password": "script-owner-password", "role": "VIEWER"}""");
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        HttpResponse<String> created = asAdmin(a(), "POST", "/api/tokens", """
                {"owner": "script-owner", "name": "replicas", "scope": "READ"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode token = JSON.readTree(created.body());
        String bearer = "Bearer " + token.path("secret").asText();

        assertThat(send(b(), "GET", "/api/servers", null, Map.of("Authorization", bearer))
                        .statusCode())
                .as("made on A, used on B")
                .isEqualTo(200);

        HttpResponse<String> revoked = asAdmin(
                a(), "DELETE", "/api/tokens/" + token.path("token").path("id").asText(), null);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
        assertThat(send(b(), "GET", "/api/servers", null, Map.of("Authorization", bearer))
                        .statusCode())
                .as("revoked on A, refused by B at once")
                .isEqualTo(401);
    }

    @Test
    @Order(4)
    void aUserDeletedOnOneReplicaCannotLogInOnTheOther() throws Exception {
        HttpResponse<String> user = asAdmin(a(), "POST", "/api/users", """
                {"username": "leaver", "password": "leaver-long-password", "role": "VIEWER"}""");
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        String leaver = basic("leaver", "leaver-long-password");
        assertThat(send(b(), "GET", "/api/servers", null, Map.of("Authorization", leaver))
                        .statusCode())
                .as("made on A, logs in on B")
                .isEqualTo(200);

        assertThat(asAdmin(a(), "DELETE", "/api/users/leaver", null).statusCode())
                .isEqualTo(204);
        assertThat(send(b(), "GET", "/api/servers", null, Map.of("Authorization", leaver))
                        .statusCode())
                .as("deleted on A, refused by B at once")
                .isEqualTo(401);
    }

    /**
     * The cycle's cost stays per instance: each asks Prometheus the same few requests per cycle.
     * A cycle's queries are counted as they end and the cycle itself only when it ends, so a
     * reading can hold up to one unfinished cycle's queries: the bounds allow one cycle either way.
     */
    @Test
    @Order(5)
    void eachReplicaAsksPrometheusAConstantNumberOfQueriesPerCycle() throws Exception {
        double[] beforeA = queriesAndCycles(a());
        double[] beforeB = queriesAndCycles(b());
        int cycles = 6;
        await().atMost(Duration.ofSeconds(20))
                .until(() -> queriesAndCycles(a())[1] >= beforeA[1] + cycles
                        && queriesAndCycles(b())[1] >= beforeB[1] + cycles);
        for (Replica replica : replicas) {
            double[] before = replica == a() ? beforeA : beforeB;
            double[] after = queriesAndCycles(replica);
            double queries = after[0] - before[0];
            double ran = after[1] - before[1];
            System.out.printf("replica %s: %.0f Prometheus queries in %.0f cycles%n", replica.name(), queries, ran);
            assertThat(queries)
                    .as("replica " + replica.name() + ", queries in " + ran + " cycles")
                    .isBetween(ran - 1, 3 * (ran + 1));
        }
    }

    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);

    /** Prometheus queries (instant and range) the app sent, and collector cycles it ran. */
    private static double[] queriesAndCycles(Replica replica) throws IOException {
        String text = asAdmin(replica, "GET", "/actuator/prometheus", null).body();
        double queries = 0;
        double cycles = 0;
        Matcher sample = SAMPLE.matcher(text);
        while (sample.find()) {
            String labels = sample.group(2) == null ? "" : sample.group(2);
            if (sample.group(1).equals("infradash_prometheus_requests_seconds_count")
                    && labels.contains("/api/v1/query")) {
                queries += Double.parseDouble(sample.group(3));
            } else if (sample.group(1).equals("infradash_collector_cycle_seconds_count")) {
                cycles += Double.parseDouble(sample.group(3));
            }
        }
        return new double[] {queries, cycles};
    }
}
