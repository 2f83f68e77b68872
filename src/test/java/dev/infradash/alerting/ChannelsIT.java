package dev.infradash.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infradash.prometheus.AlertmanagerClient;
import dev.infradash.security.Role;
import dev.infradash.security.UserService;
import dev.infradash.testsupport.HttpReceiver;
import dev.infradash.testsupport.PrometheusStackExtension;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Channels over REST against a real Alertmanager (Debian 0.25) and real HTTP receivers: the
 * Send test arrives as Alertmanager's webhook JSON, ntfy and Gotify are relayed, a refused
 * configuration keeps the last good one, a broken channel shows its delivery error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(AlertingTestApp.Rules.class)
class ChannelsIT {

    @RegisterExtension
    static final PrometheusStackExtension prometheus =
            PrometheusStackExtension.with(stack -> stack.nodeExporters(0).alertmanager());

    static final AlertingTestApp app = new AlertingTestApp();
    static final HttpReceiver receiver = HttpReceiver.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        app.properties(prometheus, registry);
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Autowired
    AlertmanagerConfigWriter writer;

    @Autowired
    AlertmanagerClient alertmanager;

    @Autowired
    UserService users;

    @Test
    void aWebhookChannelMadeOverRestReceivesItsTestAsAlertmanagersWebhookJsonWithinTenSeconds() {
        String id = app.create(
                "{\"name\": \"ops\", \"type\": \"webhook\", \"url\": \"" + receiver.url("/hook-" + "ops") + "\"}");
        assertThat(alertmanager.runningConfig()).contains("ch-" + id);

        Instant sent = Instant.now();
        HttpResponse<String> test =
                app.admin("POST", "/api/alerting/channels/" + id + "/test", "{\"server\": \"web-1\"}");
        assertThat(test.statusCode()).as(test.body()).isEqualTo(202);
        HttpReceiver.Received hook = receiver.await(r -> r.path().equals("/hook-ops"), Duration.ofSeconds(10));
        assertThat(Duration.between(sent, hook.at())).isLessThan(Duration.ofSeconds(10));
        JsonNode body = AlertingTestApp.read(hook.body());
        assertThat(body.path("version").asText()).isEqualTo("4"); // Alertmanager's webhook format
        assertThat(body.path("status").asText()).isEqualTo("firing");
        JsonNode labels = body.path("alerts").get(0).path("labels");
        assertThat(labels.path("alertname").asText()).isEqualTo("InfradashTest");
        assertThat(labels.path("infradash_channel").asText()).isEqualTo(id);
        assertThat(labels.path("server").asText()).isEqualTo("web-1");
    }

    @Test
    void aTestGoesOnlyToItsOwnChannel() {
        String a = app.create(
                "{\"name\": \"only-a\", \"type\": \"webhook\", \"url\": \"" + receiver.url("/only-a") + "\"}");
        app.create("{\"name\": \"only-b\", \"type\": \"webhook\", \"url\": \"" + receiver.url("/only-b") + "\"}");
        assertThat(app.admin("POST", "/api/alerting/channels/" + a + "/test", "{}")
                        .statusCode())
                .isEqualTo(202);
        receiver.await(r -> r.path().equals("/only-a"), Duration.ofSeconds(10));
        // the other channel's route would have fired at the same time (group_wait 0): nothing came
        assertThat(receiver.received()).noneMatch(r -> r.path().equals("/only-b"));
    }

    @Test
    void viewersReadMaskedSecretsButCannotWriteAndNothingSecretReachesTheAuditOrTheFile() throws Exception {
        String token = "123456:AAEsecretBotTokenValue_xyz";
        String id = app.create(
                "{\"name\": \"tg\", \"type\": \"telegram\", \"botToken\": \"" + token + "\", \"chatId\": \"-100123\"}");
        // users are created by an admin (the service checks the live role)
        org.springframework.security.core.context.SecurityContextHolder.getContext()
                .setAuthentication(new org.springframework.security.authentication.UsernamePasswordAuthenticationToken(
                        "admin",
                        null,
                        List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_ADMIN"))));
        try {
            users.create("viewer1", "viewer-password-123", Role.VIEWER);
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
        String viewer = AlertingTestApp.basic("viewer1", "viewer-password-123");
        HttpResponse<String> list = app.call("GET", "/api/alerting/channels", null, viewer);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"botToken\":\"********\"").doesNotContain(token);
        assertThat(app.call("DELETE", "/api/alerting/channels/" + id, null, viewer)
                        .statusCode())
                .isEqualTo(403);
        assertThat(app.call(
                                "POST",
                                "/api/alerting/channels",
                                "{\"name\":\"x\",\"type\":\"webhook\",\"url\":\"http://127.0.0.1:9/\"}",
                                viewer)
                        .statusCode())
                .isEqualTo(403);

        // an edit with the secret left blank keeps it; it names the version it read (If-Match)
        String version = app.admin("GET", "/api/alerting/channels/" + id, null)
                .headers()
                .firstValue("ETag")
                .orElseThrow();
        String edit = "{\"name\": \"tg2\", \"type\": \"telegram\", \"chatId\": \"-100124\"}";
        assertThat(app.admin("PUT", "/api/alerting/channels/" + id, edit).statusCode())
                .as("no If-Match")
                .isEqualTo(428);
        assertThat(putIfMatch("/api/alerting/channels/" + id, edit, version).statusCode())
                .isEqualTo(204);
        assertThat(putIfMatch("/api/alerting/channels/" + id, edit.replace("-100124", "-100125"), version)
                        .statusCode())
                .as("the version before that edit")
                .isEqualTo(412);
        assertThat(alertmanager.runningConfig()).contains("-100124");
        assertThat(Files.readString(writer.file())).contains(token);

        var dataDir = prometheus.stack().workDir().resolve("infradash-data");
        assertThat(Files.readString(dataDir.resolve("audit.jsonl")))
                .contains("channel:" + id)
                .doesNotContain(token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("channels.json"))))
                .isEqualTo("rw-------");
    }

    @Test
    void hostileInputIsRefusedWithTheFieldNamedAndNothingWritten() throws Exception {
        String before = Files.readString(writer.file());
        int channels = AlertingTestApp.read(
                        app.admin("GET", "/api/alerting/channels", null).body())
                .path("channels")
                .size();
        for (String body : List.of(
                "{\"name\": \"f\", \"type\": \"webhook\", \"url\": \"file:///etc/passwd\"}",
                "{\"name\": \"n\", \"type\": \"ntfy\", \"serverUrl\": \"https://ntfy.sh\", \"topic\": \"t\", \"token\": \"a\\r\\nX-Evil: 1\"}",
                "{\"name\": \"evil\\nreceivers:\", \"type\": \"webhook\", \"url\": \"http://127.0.0.1:9/\"}")) {
            HttpResponse<String> response = app.admin("POST", "/api/alerting/channels", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(AlertingTestApp.read(response.body())
                            .path("errors")
                            .get(0)
                            .path("field")
                            .asText())
                    .isIn("url", "token", "name");
        }
        assertThat(Files.readString(writer.file())).isEqualTo(before);
        assertThat(AlertingTestApp.read(
                                app.admin("GET", "/api/alerting/channels", null).body())
                        .path("channels")
                        .size())
                .isEqualTo(channels);
    }

    @Test
    void aConfigurationAlertmanagerRefusesIsNotAppliedAndTheLastGoodOneStays() throws Exception {
        app.create("{\"name\": \"good\", \"type\": \"webhook\", \"url\": \"" + receiver.url("/good") + "\"}");
        String good = Files.readString(writer.file());
        String running = alertmanager.runningConfig();
        String refused = "route:\n  receiver: nobody\nreceivers:\n  - name: somebody\n";
        assertThatThrownBy(() -> writer.apply(refused, List.of()))
                .isInstanceOf(AlertmanagerConfigRefusedException.class)
                .hasMessageContaining("nobody");
        assertThat(Files.readString(writer.file())).isEqualTo(good);
        assertThat(alertmanager.runningConfig()).isEqualTo(running);
    }

    @Test
    void anUnreachableWebhookShowsItsDeliveryError() {
        app.admin("GET", "/api/alerting/channels", null); // counters read once before
        String id =
                app.create("{\"name\": \"dead\", \"type\": \"webhook\", \"url\": \"http://127.0.0.1:1/nothing-here\"}");
        assertThat(app.admin("POST", "/api/alerting/channels/" + id + "/test", "{}")
                        .statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    JsonNode delivery = app.channel(id).path("delivery");
                    assertThat(delivery.path("state").asText()).isEqualTo("failed");
                    assertThat(delivery.path("message").asText())
                            .contains("could not deliver")
                            .contains("webhook");
                });
    }

    @Test
    void ntfyAndGotifyAreRelayedByInfradashToTheirServers() {
        String ntfy = app.create("{\"name\": \"push\", \"type\": \"ntfy\", \"serverUrl\": \"" + receiver.url("/ntfy")
                + "\", \"topic\": \"infra\", \"token\": \"tk_ntfytoken\"}");
        String gotify = app.create("{\"name\": \"gotify\", \"type\": \"gotify\", \"serverUrl\": \""
                + receiver.url("/gotify") + "\", \"appToken\": \"AppTokenXYZ\"}");
        assertThat(app.admin("POST", "/api/alerting/channels/" + ntfy + "/test", "{\"server\": \"nas\"}")
                        .statusCode())
                .isEqualTo(202);
        assertThat(app.admin("POST", "/api/alerting/channels/" + gotify + "/test", "{}")
                        .statusCode())
                .isEqualTo(202);
        HttpReceiver.Received pushed = receiver.await(r -> r.path().equals("/ntfy"), Duration.ofSeconds(10));
        JsonNode message = AlertingTestApp.read(pushed.body());
        assertThat(message.path("topic").asText()).isEqualTo("infra");
        assertThat(message.path("title").asText()).isEqualTo("[FIRING] InfradashTest on nas");
        assertThat(pushed.header("Authorization")).isEqualTo("Bearer tk_ntfytoken");
        HttpReceiver.Received gotified =
                receiver.await(r -> r.path().equals("/gotify/message"), Duration.ofSeconds(10));
        assertThat(gotified.header("X-Gotify-Key")).isEqualTo("AppTokenXYZ");
        assertThat(AlertingTestApp.read(gotified.body()).path("title").asText()).startsWith("[FIRING] InfradashTest");
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(
                                app.channel(ntfy).path("delivery").path("state").asText())
                        .isEqualTo("ok"));

        // the relay is not open: a wrong secret is refused
        assertThat(app.call("POST", "/api/alerting/relay/" + ntfy, "{}", "Bearer wrong")
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void aRelayedChannelWhoseServerFailsShowsTheExactError() {
        try (HttpReceiver failing = HttpReceiver.start()) {
            failing.respondWith(503);
            String id = app.create("{\"name\": \"ntfy-down\", \"type\": \"ntfy\", \"serverUrl\": \"" + failing.url("/")
                    + "\", \"topic\": \"t\"}");
            app.admin("POST", "/api/alerting/channels/" + id + "/test", "{}");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                JsonNode delivery = app.channel(id).path("delivery");
                assertThat(delivery.path("state").asText()).isEqualTo("failed");
                assertThat(delivery.path("message").asText()).contains("ntfy").contains("HTTP 503");
                assertThat(delivery.path("exact").asBoolean()).isTrue();
            });
        }
    }

    private static HttpResponse<String> putIfMatch(String path, String body, String ifMatch) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .proxy(java.net.http.HttpClient.Builder.NO_PROXY)
                .build();
        return http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + app.port + path))
                        .header("Authorization", AlertingTestApp.basic("admin", AlertingTestApp.ADMIN_PASSWORD))
                        .header("Content-Type", "application/json")
                        .header("If-Match", ifMatch)
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
