package dev.infradash.alerting;

import dev.infradash.prometheus.Point;
import dev.infradash.prometheus.RangeSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Folds the range answer of {@code max_over_time(ALERTS{alertstate="firing"}[step])} into
 * intervals: a series has a point at each step where the alert fired within that step, so a run of
 * points one step apart is one firing, and a gap ends it. Each point stands for one step of firing,
 * so a run lasts its points times the step: a firing shorter than one step is one point and reads
 * as one step long, never 0 s (the history's resolution is the step, and the interval says so).
 * Pure.
 */
public final class IntervalFolder {

    private IntervalFolder() {}

    /**
     * @param end the query's last step: a run reaching it still fires
     * @return newest first
     */
    public static List<AlertInterval> fold(List<RangeSeries> series, Duration step, Instant end) {
        List<AlertInterval> intervals = new ArrayList<>();
        for (RangeSeries one : series) {
            String server = one.labels().getOrDefault("server", "");
            String alertname = one.labels().getOrDefault("alertname", "");
            String severity = one.labels().getOrDefault("severity", "");
            Instant runStart = null;
            Instant last = null;
            for (Point point : one.points()) {
                Instant at = point.timestamp();
                if (runStart != null
                        && last != null
                        && Duration.between(last, at).compareTo(step) > 0) {
                    intervals.add(interval(server, alertname, severity, runStart, last, step, end));
                    runStart = null;
                }
                if (runStart == null) {
                    runStart = at;
                }
                last = at;
            }
            if (runStart != null && last != null) {
                intervals.add(interval(server, alertname, severity, runStart, last, step, end));
            }
        }
        intervals.sort(Comparator.comparing(AlertInterval::start)
                .reversed()
                .thenComparing(AlertInterval::server)
                .thenComparing(AlertInterval::alertname));
        return intervals;
    }

    private static AlertInterval interval(
            String server, String alertname, String severity, Instant start, Instant last, Duration step, Instant end) {
        boolean ongoing = Duration.between(last, end).compareTo(step) < 0;
        return new AlertInterval(
                server,
                alertname,
                severity,
                start,
                ongoing ? null : last,
                Duration.between(start, last).plus(step),
                step);
    }
}
