package dev.infradash.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.base.Reading;
import dev.infradash.prometheus.PrometheusProperties;
import dev.infradash.targets.TargetRegistry;
import dev.infradash.targets.TargetsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sparklines' ring: bounded in points and time, fed only by published snapshots. */
class RecentTrendsTest {

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    @TempDir
    Path dir;

    private static FleetSnapshot snapshot(long sequence, Instant at, ServerSnapshot... servers) {
        return TestSnapshots.fleet()
                .sequence(sequence)
                .collectedAt(at)
                .servers(servers)
                .build();
    }

    private static ServerSnapshot server(String id, double cpu, double memory) {
        return TestSnapshots.server(id)
                .node(new NodeMetrics(
                        new Reading(cpu, T0),
                        null,
                        new Reading(memory, T0),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null))
                .build();
    }

    private RecentTrends trends() {
        TargetRegistry registry =
                new TargetRegistry(new TargetsProperties(dir.resolve("targets.json")), new ObjectMapper());
        return new RecentTrends(new FleetSnapshotPublisher(
                PrometheusProperties.of(URI.create("http://p:9090")), registry, new SimpleMeterRegistry()));
    }

    @Test
    void pointsSpanTheLast15MinutesWithTheNewestAtTheRightAndFullAtTheTop() {
        RecentTrends trends = trends();
        trends.add(snapshot(1, T0, server("a", 0, 50)));
        trends.add(snapshot(2, T0.plusSeconds(450), server("a", 100, 50)));

        RecentTrends.Trend trend = trends.of("a");
        assertThat(trend.samples()).isEqualTo(2);
        assertThat(trend.cpuPoints()).isEqualTo("45,20 90,0");
        assertThat(trend.memoryPoints()).isEqualTo("45,10 90,10");
        assertThat(Sparkline.svg(trend)).contains("points=\"45,20 90,0\"");
    }

    @Test
    void theRingIsBoundedInPointsAndTimeAndForgetsServersThatLeave() {
        RecentTrends trends = trends();
        for (int i = 0; i < 1000; i++) {
            trends.add(snapshot(i + 1, T0.plusSeconds(i), server("a", i % 100, 10), server("b", 1, 1)));
        }
        assertThat(trends.of("a").samples()).isEqualTo(RecentTrends.MAX_POINTS);

        trends.add(snapshot(1001, T0.plusSeconds(1000 + 16 * 60), server("a", 5, 5)));
        assertThat(trends.of("a").samples()).as("older than 15 minutes: gone").isEqualTo(1);
        assertThat(trends.of("b")).as("b left the fleet").isEqualTo(RecentTrends.Trend.NONE);
        assertThat(Sparkline.svg(trends.of("a"))).as("one point draws no line").isEmpty();
    }

    @Test
    void downAndStaleServersAddNoPoints() {
        RecentTrends trends = trends();
        ServerSnapshot down = TestSnapshots.server(server("a", 50, 50))
                .health(Health.DOWN)
                .stale(true)
                .build();
        trends.add(snapshot(1, T0, server("a", 50, 50)));
        trends.add(snapshot(2, T0.plusSeconds(5), down));
        assertThat(trends.of("a").samples()).isEqualTo(1);
    }
}
