package dev.infradash.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.infradash.testsupport.HttpReceiver;
import dev.infradash.testsupport.PrometheusStack;
import dev.infradash.testsupport.PrometheusStackExtension;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Alertmanager client and Prometheus' reload against the real Debian daemons. */
class AlertmanagerClientIT {

    @RegisterExtension
    static final PrometheusStackExtension prometheus =
            PrometheusStackExtension.with(stack -> stack.nodeExporters(0).alertmanager());

    static final HttpReceiver receiver = HttpReceiver.start();

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    private AlertmanagerClient client() {
        return new AlertmanagerClient(
                AlertmanagerProperties.of(prometheus.stack().alertmanagerUrl()));
    }

    private static void writeConfig(PrometheusStack stack, String yaml) throws Exception {
        Files.writeString(stack.alertmanagerConfigFile(), yaml);
    }

    @Test
    void postedAlertIsListedAndASilenceMutesItUntilExpired() throws Exception {
        try (AlertmanagerClient client = client()) {
            String name = "ClientIT" + System.nanoTime();
            client.postAlerts(List.of(
                    new NewAlert(Map.of("alertname", name, "server", "web-1"), Map.of("summary", "s"), null, null)));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> client.alerts().stream()
                            .anyMatch(a -> name.equals(a.labels().get("alertname"))));

            Instant now = Instant.now();
            String id = client.createSilence(Silence.of(
                    List.of(Silence.Matcher.equal("alertname", name)),
                    now,
                    now.plus(1, ChronoUnit.HOURS),
                    "it",
                    "muted by a test"));
            assertThat(id).isNotBlank();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> client.alerts().stream()
                            .filter(a -> name.equals(a.labels().get("alertname")))
                            .anyMatch(a -> a.silencedBy().contains(id) && "suppressed".equals(a.state())));
            assertThat(client.silences()).anySatisfy(s -> {
                assertThat(s.id()).isEqualTo(id);
                assertThat(s.active()).isTrue();
                assertThat(s.comment()).isEqualTo("muted by a test");
            });

            client.expireSilence(id);
            assertThat(client.silences())
                    .filteredOn(s -> id.equals(s.id()))
                    .singleElement()
                    .satisfies(s -> assertThat(s.state()).isEqualTo("expired"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> client.alerts().stream()
                            .filter(a -> name.equals(a.labels().get("alertname")))
                            .anyMatch(a -> "active".equals(a.state())));
        }
    }

    @Test
    void expiringAnUnknownSilenceIsRefusedWithAlertmanagersReason() {
        try (AlertmanagerClient client = client()) {
            assertThatThrownBy(() -> client.expireSilence("00000000-0000-0000-0000-000000000000"))
                    .isInstanceOf(AlertmanagerException.class)
                    .hasMessageContaining("not found") // 0.25 answers 500 with this text, not 404
                    .satisfies(e ->
                            assertThat(((AlertmanagerException) e).reason()).contains("not found"));
        }
    }

    @Test
    void reloadLoadsAGoodConfigAndRefusesABadOneKeepingTheOld() throws Exception {
        PrometheusStack stack = prometheus.stack();
        try (AlertmanagerClient client = client()) {
            writeConfig(stack, """
                    route:
                      receiver: hook
                      group_wait: 0s
                    receivers:
                      - name: hook
                        webhook_configs:
                          - url: %s
                    """.formatted(receiver.url("/hook")));
            client.reload();
            assertThat(client.runningConfig()).contains(receiver.url("/hook").toString());

            writeConfig(stack, "route:\n  receiver: nobody\nreceivers: []\n");
            assertThatThrownBy(client::reload)
                    .isInstanceOf(AlertmanagerException.class)
                    .hasMessageContaining("nobody");
            assertThat(client.runningConfig()).contains(receiver.url("/hook").toString());

            // the good config delivers, and the counters say so
            long before = client.notificationCounts().attempted("webhook");
            String name = "Delivered" + System.nanoTime();
            client.postAlerts(List.of(new NewAlert(Map.of("alertname", name), Map.of(), null, null)));
            receiver.await(r -> r.body().contains(name), Duration.ofSeconds(15));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> client.notificationCounts().attempted("webhook") > before);
        }
    }

    @Test
    void unreachableAlertmanagerIsNamedInTheMessage() {
        try (AlertmanagerClient client =
                new AlertmanagerClient(AlertmanagerProperties.of(java.net.URI.create("http://127.0.0.1:1")))) {
            assertThatThrownBy(client::alerts)
                    .isInstanceOf(AlertmanagerException.class)
                    .hasMessageContaining("127.0.0.1:1")
                    .satisfies(e ->
                            assertThat(((AlertmanagerException) e).httpStatus()).isZero());
        }
    }

    @Test
    void prometheusReloadRefusesABadRuleFileAndKeepsServing() throws Exception {
        PrometheusStack stack = prometheus.stack();
        try (PrometheusClient client = new PrometheusClient(PrometheusProperties.of(stack.prometheusUrl()))) {
            var file = stack.rulesDir().resolve("reload-it.yml");
            Files.writeString(
                    file, "groups:\n  - name: ok\n    rules:\n      - record: reload_it\n        expr: vector(1)\n");
            client.reload();
            Files.writeString(
                    file, "groups:\n  - name: bad\n    rules:\n      - record: reload_it\n        expr: sum(\n");
            assertThatThrownBy(client::reload)
                    .isInstanceOf(PrometheusException.class)
                    .hasMessageContaining("500");
            Files.delete(file);
            client.reload();
        }
    }
}
