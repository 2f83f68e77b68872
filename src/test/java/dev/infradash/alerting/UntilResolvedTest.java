package dev.infradash.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infradash.fleet.FleetSnapshot;
import dev.infradash.fleet.PrometheusStatus;
import dev.infradash.fleet.ServerAlert;
import dev.infradash.fleet.TestSnapshots;
import dev.infradash.prometheus.Silence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UntilResolvedTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final ServerAlert DOWN = new ServerAlert("HostDown", "critical", "firing", NOW, "down");
    private static final ServerAlert CPU_PENDING = new ServerAlert("HighCpuUsage", "warning", "pending", NOW, "cpu");

    private static Silence silence(String id, String comment, Silence.Matcher... matchers) {
        return new Silence(id, List.of(matchers), NOW, NOW.plus(Duration.ofDays(30)), "alice", comment, "active");
    }

    private static final Silence WEB_HOST_DOWN = silence(
            "s-1",
            UntilResolved.MARKER + "on it",
            Silence.Matcher.equal("server", "web-1"),
            Silence.Matcher.equal("alertname", "HostDown"));
    private static final Silence WEB_ALL =
            silence("s-2", UntilResolved.MARKER + "all of web-1", Silence.Matcher.equal("server", "web-1"));
    private static final Silence TIMED = silence("s-3", "4 h", Silence.Matcher.equal("server", "web-1"));

    private static TestSnapshots.FleetBuilder fleet(List<ServerAlert> webAlerts) {
        return TestSnapshots.fleet()
                .collectedAt(NOW)
                .servers(TestSnapshots.server("web-1").alerts(webAlerts).build())
                .silences(WEB_HOST_DOWN, WEB_ALL, TIMED);
    }

    @Test
    void aMarkedSilenceIsDueOnceNothingItCoversFiresOrIsPending() {
        assertThat(UntilResolved.dueForExpiry(fleet(List.of(DOWN)).build())).isEmpty();
        // HostDown resolved, but web-1 still has a pending alert: only the HostDown silence goes
        assertThat(UntilResolved.dueForExpiry(fleet(List.of(CPU_PENDING)).build()))
                .containsExactly("s-1");
        // everything resolved: both marked silences go, the timed one stays until its end
        assertThat(UntilResolved.dueForExpiry(fleet(List.of()).build())).containsExactly("s-1", "s-2");
    }

    @Test
    void aSnapshotThatCouldNotReadAlertsOrSilencesExpiresNothing() {
        FleetSnapshot alertsMissing =
                fleet(List.of()).failedQueries(Map.of("alerts", "timeout")).build();
        FleetSnapshot alertmanagerMissing = fleet(List.of())
                .failedQueries(Map.of("alertmanager", "refused"))
                .build();
        FleetSnapshot outage = fleet(List.of())
                .prometheus(new PrometheusStatus("http://p:9090", false, "down", NOW))
                .build();
        FleetSnapshot initial = fleet(List.of()).sequence(0).build();

        for (FleetSnapshot blind : List.of(alertsMissing, alertmanagerMissing, outage, initial)) {
            assertThat(UntilResolved.dueForExpiry(blind)).isEmpty();
        }
    }

    @Test
    void aSilenceOfAServerGoneFromTheFleetIsDue() {
        FleetSnapshot gone =
                TestSnapshots.fleet().collectedAt(NOW).silences(WEB_ALL).build();
        assertThat(UntilResolved.dueForExpiry(gone)).containsExactly("s-2");
    }
}
