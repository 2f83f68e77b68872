package dev.infradash.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infradash.prometheus.Alert;
import dev.infradash.prometheus.AlertmanagerAlert;
import dev.infradash.prometheus.Silence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertSilencingTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Map<String, String> WEB_DOWN =
            Map.of("alertname", "HostDown", "server", "web-1", "severity", "critical");

    private static Silence silence(String id, String state, Instant end, Silence.Matcher... matchers) {
        return new Silence(id, List.of(matchers), NOW, end, "alice", "why", state);
    }

    private static Alert alert(Map<String, String> labels, String state) {
        return new Alert(labels, Map.of(), state, NOW, 1);
    }

    private static AlertmanagerAlert held(Map<String, String> labels, List<String> silencedBy) {
        return new AlertmanagerAlert(
                "fp",
                labels,
                Map.of(),
                NOW,
                NOW.plusSeconds(60),
                silencedBy.isEmpty() ? "active" : "suppressed",
                silencedBy,
                List.of(),
                List.of("null"));
    }

    @Test
    void aFiringAlertAlertmanagerHoldsTakesAlertmanagersVerdictAndTheSilencesEnd() {
        Instant end = NOW.plus(Duration.ofHours(4));
        Map<String, String> withExternal = new java.util.HashMap<>(WEB_DOWN);
        withExternal.put("cluster", "home"); // Alertmanager's copy carries Prometheus' external labels
        AlertSilencing silencing = new AlertSilencing(
                List.of(held(withExternal, List.of("s-1"))),
                List.of(silence("s-1", "active", end, Silence.Matcher.equal("cluster", "home"))));

        AlertSilencing.Status status = silencing.of(alert(WEB_DOWN, "firing"));

        assertThat(status.silencedBy()).containsExactly("s-1");
        assertThat(status.until()).isEqualTo(end);
    }

    @Test
    void alertmanagerSayingNotSilencedWinsOverALocalMatch() {
        AlertSilencing silencing = new AlertSilencing(
                List.of(held(WEB_DOWN, List.of())),
                List.of(silence("s-1", "active", NOW.plusSeconds(60), Silence.Matcher.equal("server", "web-1"))));

        assertThat(silencing.of(alert(WEB_DOWN, "firing")).silencedBy()).isEmpty();
    }

    @Test
    void aPendingAlertIsMatchedAgainstTheActiveSilencesAsAlertmanagerWould() {
        Instant later = NOW.plus(Duration.ofHours(24));
        AlertSilencing silencing = new AlertSilencing(
                List.of(),
                List.of(
                        silence("s-1", "active", NOW.plusSeconds(3600), Silence.Matcher.equal("server", "web-1")),
                        silence(
                                "s-2",
                                "active",
                                later,
                                new Silence.Matcher("alertname", "Host.*", true, true),
                                Silence.Matcher.equal("severity", "critical")),
                        silence("s-3", "expired", later, Silence.Matcher.equal("server", "web-1")),
                        silence("s-4", "active", later, new Silence.Matcher("server", "web-1", false, false))));

        AlertSilencing.Status status = silencing.of(alert(WEB_DOWN, "pending"));

        assertThat(status.silencedBy()).containsExactly("s-1", "s-2");
        assertThat(status.until()).isEqualTo(later);
        assertThat(silencing.activeSilences()).extracting(Silence::id).containsExactly("s-1", "s-2", "s-4");
        assertThat(silencing
                        .of(alert(Map.of("alertname", "HostDown", "server", "db-1"), "pending"))
                        .silencedBy())
                .containsExactly("s-4");
    }

    @Test
    void nothingIsSilencedWithoutAlertmanager() {
        AlertSilencing.Status status = AlertSilencing.NONE.of(alert(WEB_DOWN, "firing"));
        assertThat(status.silencedBy()).isEmpty();
        assertThat(status.until()).isNull();
    }
}
