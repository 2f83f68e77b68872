package dev.infradash.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infradash.prometheus.Point;
import dev.infradash.prometheus.RangeSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntervalFolderTest {

    private static final Duration STEP = Duration.ofSeconds(15);
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant END = T0.plus(Duration.ofHours(1));

    private static RangeSeries series(String server, String alert, String severity, int... steps) {
        List<Point> points = new ArrayList<>();
        for (int step : steps) {
            points.add(new Point(T0.plus(STEP.multipliedBy(step)), 1));
        }
        return new RangeSeries(
                Map.of("alertname", alert, "alertstate", "firing", "server", server, "severity", severity), points);
    }

    @Test
    void aRunOfConsecutiveStepsIsOneIntervalAndAGapStartsAnother() {
        List<AlertInterval> intervals =
                IntervalFolder.fold(List.of(series("web-1", "HostDown", "critical", 0, 1, 2, 3, 10, 11)), STEP, END);

        assertThat(intervals).hasSize(2);
        // newest first
        AlertInterval second = intervals.get(0);
        assertThat(second.start()).isEqualTo(T0.plus(STEP.multipliedBy(10)));
        assertThat(second.end()).isEqualTo(T0.plus(STEP.multipliedBy(11)));
        assertThat(second.duration()).as("two steps seen firing").isEqualTo(STEP.multipliedBy(2));
        assertThat(second.resolution()).isEqualTo(STEP);
        AlertInterval first = intervals.get(1);
        assertThat(first.start()).isEqualTo(T0);
        assertThat(first.end()).isEqualTo(T0.plus(STEP.multipliedBy(3)));
        assertThat(first.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(first.server()).isEqualTo("web-1");
        assertThat(first.alertname()).isEqualTo("HostDown");
        assertThat(first.severity()).isEqualTo("critical");
        assertThat(first.ongoing()).isFalse();
    }

    @Test
    void aRunReachingTheLastStepStillFiresAndLastsUntilThen() {
        int lastStep = (int) (Duration.between(T0, END).toSeconds() / STEP.toSeconds());
        List<AlertInterval> intervals = IntervalFolder.fold(
                List.of(series("db-1", "HighCpuUsage", "warning", lastStep - 2, lastStep - 1, lastStep)), STEP, END);

        assertThat(intervals).singleElement().satisfies(interval -> {
            assertThat(interval.ongoing()).isTrue();
            assertThat(interval.end()).isNull();
            assertThat(interval.duration()).isEqualTo(STEP.multipliedBy(3));
        });
    }

    @Test
    void eachSeriesFoldsOnItsOwnAndAnAlertWithoutServerKeepsAnEmptyOne() {
        RangeSeries noServer = new RangeSeries(
                Map.of("alertname", "Watchdog", "alertstate", "firing"), List.of(new Point(T0.plusSeconds(30), 1)));
        List<AlertInterval> intervals =
                IntervalFolder.fold(List.of(series("web-1", "HostDown", "critical", 1, 2), noServer), STEP, END);

        // newest first: the server-less one started a step later
        assertThat(intervals).extracting(AlertInterval::server).containsExactly("", "web-1");
        assertThat(intervals.get(0).duration()).isEqualTo(STEP);
        assertThat(intervals.get(1).duration()).isEqualTo(STEP.multipliedBy(2));
    }

    /** A firing shorter than a step is one point: it lasted up to a step, not 0 s. */
    @Test
    void aFiringSeenAtOneStepOnlyLastsOneStepNotZero() {
        List<AlertInterval> intervals =
                IntervalFolder.fold(List.of(series("web-1", "HostDown", "critical", 7)), STEP, END);

        assertThat(intervals).singleElement().satisfies(interval -> {
            assertThat(interval.ongoing()).isFalse();
            assertThat(interval.start()).isEqualTo(interval.end());
            assertThat(interval.durationSeconds()).isEqualTo(15);
            assertThat(interval.resolutionSeconds()).isEqualTo(15);
            assertThat(AlertItems.duration(interval)).isEqualTo("up to 15 s");
        });
    }

    @Test
    void aLongerFiringReadsItsDurationInTheList() {
        List<AlertInterval> intervals = IntervalFolder.fold(
                List.of(series("web-1", "HostDown", "critical", 0, 1, 2, 3, 4, 5, 6, 7)), STEP, END);

        assertThat(AlertItems.duration(intervals.get(0))).isEqualTo("2 min");
    }

    @Test
    void noPointsNoIntervals() {
        assertThat(IntervalFolder.fold(List.of(new RangeSeries(Map.of("alertname", "X"), List.of())), STEP, END))
                .isEmpty();
    }
}
