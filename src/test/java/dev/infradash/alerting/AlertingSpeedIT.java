package dev.infradash.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infradash.testsupport.HttpReceiver;
import dev.infradash.testsupport.PrometheusStackExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * End to end, all real: node_exporter, Prometheus (1 s scrape and evaluation), Alertmanager
 * with the configuration Infradash renders, and an HTTP receiver as the webhook channel. A
 * {@code down} rule with {@code for: 15s}, labelled like a rule Infradash writes, routed to the
 * channel. Measures exporter stopped -> firing message, and exporter back -> resolved message.
 *
 * <p>A measurement, not a CI test (tag {@code measurement}, excluded by default): the same story
 * runs in CI through the browser in {@link AlertingUiBrowserIT}; this one only times it, and its
 * resolved half waits out Alertmanager's one-minute group_interval. It measures the production
 * timings ({@code infradash.alerting.group-*} left at their defaults), unlike the CI tests, which
 * set seconds.
 */
@Tag("measurement")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class AlertingSpeedIT {

    @RegisterExtension
    static final PrometheusStackExtension prometheus = AlertingTestApp.oneServerAndAlertmanager();

    static final AlertingTestApp app = new AlertingTestApp();
    static final HttpReceiver receiver = HttpReceiver.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        app.properties(prometheus, registry);
    }

    @Autowired
    AlertingProperties properties;

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void aDownServerIsReportedWithinAMinuteAndItsRecoveryToo() {
        assertThat(properties.groupTimings())
                .as("measured with production's Alertmanager timings")
                .isEqualTo(AlertingDefaults.timings());
        String channel =
                app.create("{\"name\": \"oncall\", \"type\": \"webhook\", \"url\": \"" + receiver.url("/e2e") + "\"}");
        // the issue's own example, through the rules API: Infradash writes the rule file and the route
        HttpResponse<String> rule = app.admin(
                "POST",
                "/api/alerting/rules",
                "{\"name\": \"down-fast\", \"condition\": \"down\", \"for\": \"15s\","
                        + " \"severity\": \"critical\", \"channels\": [\"" + channel + "\"]}");
        assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);

        Instant stopped = Instant.now();
        prometheus.stack().stopNodeExporter(0);
        HttpReceiver.Received firing =
                receiver.await(r -> AlertingTestApp.isDownFast(r, "firing"), Duration.ofSeconds(90));
        Duration toFiring = Duration.between(stopped, firing.at());

        Instant started = Instant.now();
        prometheus.stack().startNodeExporter(0);
        HttpReceiver.Received resolved =
                receiver.await(r -> AlertingTestApp.isDownFast(r, "resolved"), Duration.ofSeconds(120));
        Duration toResolved = Duration.between(started, resolved.at());

        JsonNode alert = AlertingTestApp.read(firing.body()).path("alerts").get(0);
        assertThat(alert.path("labels").path("server").asText()).isEqualTo("e2e-1");
        System.out.printf(
                "%nE2E alerting (scrape 1 s, evaluation 1 s, for 15 s, group_wait %s, group_interval %s):%n"
                        + "  exporter stopped -> firing notification: %.1f s%n"
                        + "    = scrape that fails (<= 1 s) + evaluation that sees up == 0 (<= 1 s, pending)"
                        + " + for 15 s + the evaluation that fires (<= 1 s) + Prometheus -> Alertmanager"
                        + " + group_wait %s + webhook%n"
                        + "  exporter started -> resolved notification: %.1f s%n"
                        + "    = scrape + evaluation (<= 2 s) + Prometheus sends resolved -> Alertmanager"
                        + " waits for the group's next flush (group_interval %s after the firing message)%n",
                RuleExpressions.promDuration(properties.groupWait()),
                RuleExpressions.promDuration(properties.groupInterval()),
                toFiring.toMillis() / 1000.0,
                RuleExpressions.promDuration(properties.groupWait()),
                toResolved.toMillis() / 1000.0,
                RuleExpressions.promDuration(properties.groupInterval()));
        assertThat(toFiring)
                .as("a down server is reported within about a minute")
                .isLessThan(Duration.ofSeconds(60));
        assertThat(toFiring).as("not before for: 15s").isGreaterThan(Duration.ofSeconds(15));
        assertThat(receiver.received().stream()
                        .filter(r -> AlertingTestApp.isDownFast(r, "firing"))
                        .count())
                .as("one firing message, not one per cycle")
                .isEqualTo(1);
    }
}
