package dev.infradash.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infradash.base.chart.Point;
import dev.infradash.base.chart.Series;
import dev.infradash.fleet.ServiceState;
import dev.infradash.testsupport.KaribuTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The detail view's service checks: state and facts, uptimes, timeline and response time (issue 14). */
class ServiceChecksPanelTest extends KaribuTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private static ServiceState proxmox(boolean up, double certDays) {
        return new ServiceState(
                "proxmox", "http", "https://10.0.0.8:8006/", up, 42.4, up ? 401 : 0, 99.25, certDays, null, "2xx-4xx");
    }

    @Test
    void eachCheckShowsItsStateHttpStatusAgainstTheExpectedRangeAndACertificateWarningUnder14Days() {
        String text = ServiceCheckRow.facts(proxmox(true, 9.6));
        assertThat(text)
                .isEqualTo(
                        "42 ms · HTTP 401 (expects 2xx-4xx) · TLS certificate: 9 days left — renew it (under 14 days)");
        assertThat(ServiceCheckRow.facts(proxmox(true, 30.2))).endsWith("TLS certificate: 30 days left");
        assertThat(ServiceCheckRow.facts(proxmox(false, -2.5)))
                .contains("no HTTP answer", "TLS certificate expired 3 days ago — renew it");
        assertThat(ServiceCheckRow.facts(
                        new ServiceState("ssh", "tcp", "10.0.0.7:22", false, null, null, 50.0, null, null)))
                .as("no status, range or certificate for tcp")
                .isEmpty();
    }

    @Test
    void rowsFollowTheSnapshotsChecksAndCarryTheWarningClasses() {
        ServiceChecksPanel panel = new ServiceChecksPanel(null, java.time.Clock.systemUTC(), zoom -> {});
        panel.show(List.of(
                proxmox(true, 9.6),
                new ServiceState("ssh", "tcp", "10.0.0.7:22", false, null, null, 50.0, null, null)));
        assertThat(panel.isVisible()).isTrue();
        assertThat(panel.rows()).containsOnlyKeys("proxmox", "ssh");
        assertThat(text(panel)).contains("proxmox (http) https://10.0.0.8:8006/", "UP", "ssh (tcp)", "DOWN");
        assertThat(hasClass(panel.rows().get("proxmox"), "cert-warning")).isTrue();
        assertThat(hasClass(panel.rows().get("ssh"), "service-down")).isTrue();

        panel.show(List.of());
        assertThat(panel.isVisible()).isFalse();
    }

    @Test
    void theLoadedHistoryDrawsTheTimelineAndResponseTimeAndSaysWhenTheDataIsShorterThanTheWindow() {
        ServiceCheckRow row = new ServiceCheckRow("qdrant", zoom -> {});
        TimeWindow window = TimeWindow.live(TimeWindow.Preset.H1, NOW);
        List<Series> timeline = ServiceHistory.timeline(
                List.of(Point.of(NOW.minusSeconds(60), 1.0), Point.of(NOW.minusSeconds(30), 0.5), Point.of(NOW, null)));
        ServiceDetails details = new ServiceDetails(
                Duration.ofSeconds(15),
                Map.of("qdrant", timeline),
                Map.of("qdrant", List.of(new Series("response time", List.of(Point.of(NOW, 12.0))))),
                Map.of(
                        "qdrant",
                        List.of(
                                new Uptime(Duration.ofHours(24), 99.5, Duration.ofHours(24), true),
                                new Uptime(Duration.ofDays(7), 99.2, Duration.ofHours(77), false),
                                new Uptime(Duration.ofDays(30), 99.2, Duration.ofHours(77), false))),
                null,
                null);
        row.showHistory(details, "qdrant", window);

        assertThat(text(row))
                .contains("Uptime 24 h: 99.50 % · 7 d: 99.20 % over the 3.2 days of data held · 30 d: 99.20 %"
                        + " over the 3.2 days of data held");
        assertThat(row.timeline().apexChart().getSeries())
                .extracting(Series::name)
                .containsExactly("up", "down");
        assertThat(row.timeline().apexChart().getSeries().get(1).points())
                .extracting(Point::value)
                .containsExactly(0.0, 50.0, null);
        assertThat(row.latency().apexChart().getSeries().get(0).points())
                .extracting(Point::value)
                .containsExactly(12.0);

        // live: a snapshot's state is a new point once a step has passed
        row.append(proxmoxLike(false), NOW.plusSeconds(15));
        assertThat(row.timeline().apexChart().getSeries().get(1).points())
                .last()
                .isEqualTo(Point.of(NOW.plusSeconds(15), 100.0));
    }

    private static ServiceState proxmoxLike(boolean up) {
        return new ServiceState("qdrant", "http", "http://10.0.0.7:6333/", up, 5.0, 503, null, null, null);
    }

    @Test
    void anEmptyWindowAndAFailedQueryAreExplained() {
        ServiceCheckRow row = new ServiceCheckRow("qdrant", zoom -> {});
        TimeWindow window = TimeWindow.live(TimeWindow.Preset.H1, NOW);
        row.showHistory(
                new ServiceDetails(Duration.ofSeconds(15), Map.of(), Map.of(), Map.of(), null, null), "qdrant", window);
        assertThat(text(row)).contains(ServiceCheckRow.NO_PROBES, "Uptime: no probes held yet");
        row.showHistory(
                new ServiceDetails(Duration.ofSeconds(15), Map.of(), Map.of(), Map.of(), "timeout", "timeout"),
                "qdrant",
                window);
        assertThat(text(row)).contains("Prometheus could not answer: timeout");
    }

    @Test
    void uptimeTextsAndTheFirstProbeDecideWhetherTheWindowIsCovered() {
        assertThat(new Uptime(Duration.ofDays(30), 99.999, Duration.ofDays(30), true).text())
                .as("floored, so a failed probe never reads as 100 %")
                .isEqualTo("30 d: 99.99 %");
        assertThat(new Uptime(Duration.ofHours(24), 100.0, Duration.ofMinutes(40), false).text())
                .isEqualTo("24 h: 100.00 % over the 40 minutes of data held");
        assertThat(new Uptime(Duration.ofDays(7), null, Duration.ZERO, false).text())
                .isEqualTo("7 d: no data");
    }
}
