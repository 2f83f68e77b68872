package dev.infradash.history;

import dev.infradash.prometheus.PromQL;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The uptime of a server's service checks over 24 h, 7 d and 30 d, and how much of each window
 * their probes cover: one instant query for all checks and windows. Part of {@link ServiceHistory}.
 */
final class UptimeQuery {

    /** The uptime windows of the detail view. */
    static final List<Duration> WINDOWS = List.of(Duration.ofHours(24), Duration.ofDays(7), Duration.ofDays(30));

    /** Steps of the first-probe subquery per uptime window: finds the first probe to 1/720 of the window. */
    static final int FIRST_PROBE_STEPS = 720;

    /** The finest first-probe search: the last quarter hour at the scrape interval, for a check minutes old. */
    static final Duration RECENT = Duration.ofMinutes(15);

    private final PrometheusClient prometheus;
    private final Duration scrapeInterval;

    UptimeQuery(PrometheusClient prometheus, Duration scrapeInterval) {
        this.prometheus = prometheus;
        this.scrapeInterval = scrapeInterval;
    }

    /**
     * One instant query for every check of the server and every uptime window: the uptime
     * (part {@code uptime_<seconds>}) and the first probe Prometheus holds in the window (part
     * {@code first_<seconds>}, a subquery of {@link #FIRST_PROBE_STEPS} steps), plus the first
     * probe of the last {@link #RECENT} at the scrape interval: a subquery's steps are aligned to
     * multiples of its resolution, so a check younger than one step shows only in the finer one.
     */
    String promql(String server) {
        String s = ServiceHistory.selector(server, null);
        List<String> parts = new ArrayList<>();
        for (Duration window : WINDOWS) {
            parts.add(tagged(
                    "100 * max by (service) (avg_over_time(probe_success" + s + "[" + PromQL.duration(window) + "]))",
                    "uptime_" + window.toSeconds()));
        }
        List<Duration> searches = new ArrayList<>(List.of(RECENT));
        searches.addAll(WINDOWS);
        for (Duration window : searches) {
            parts.add(tagged(
                    "min by (service) (min_over_time(timestamp(probe_success" + s + ")[" + PromQL.duration(window) + ":"
                            + PromQL.duration(resolution(window)) + "]))",
                    "first_" + window.toSeconds()));
        }
        return String.join(" or ", parts);
    }

    /** The first-probe subquery's step over a window: 1/720 of it, the scrape interval for {@link #RECENT}. */
    Duration resolution(Duration window) {
        return window.equals(RECENT)
                ? scrapeInterval
                : Duration.ofSeconds(Math.max(1, window.toSeconds() / FIRST_PROBE_STEPS));
    }

    private static String tagged(String expression, String part) {
        return "label_replace(" + expression + ", \"part\", " + PromQL.quote(part) + ", \"\", \"\")";
    }

    /** Uptime per check and window as of {@code now}. */
    Map<String, List<Uptime>> uptimes(String server, Instant now) {
        List<Sample> samples = prometheus.query(promql(server), now).asVector().samples();
        Map<String, Map<String, Double>> byService = new HashMap<>();
        for (Sample sample : samples) {
            if (Double.isFinite(sample.value())) {
                byService
                        .computeIfAbsent(sample.labels().getOrDefault("service", ""), k -> new HashMap<>())
                        .put(sample.labels().getOrDefault("part", ""), sample.value());
            }
        }
        return byService.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> uptimes(e.getValue(), now)));
    }

    /** The uptimes of one check from its parts of the uptime query. */
    List<Uptime> uptimes(Map<String, Double> parts, Instant now) {
        Instant first = firstProbe(parts, now);
        List<Uptime> uptimes = new ArrayList<>();
        for (Duration window : WINDOWS) {
            Double percent = parts.get("uptime_" + window.toSeconds());
            if (percent == null) {
                uptimes.add(new Uptime(window, null, Duration.ZERO, false));
                continue;
            }
            Duration held = first == null ? window : Duration.between(first, now);
            held = held.isNegative() ? Duration.ZERO : held;
            boolean complete = first == null || held.plus(slack(window)).compareTo(window) >= 0;
            uptimes.add(new Uptime(window, percent, complete || held.compareTo(window) > 0 ? window : held, complete));
        }
        return uptimes;
    }

    /**
     * When the check's probes begin, from the finest search whose window they begin inside; null
     * when they are older than every window (all are covered), {@code now} when they are younger
     * than the scrape interval.
     */
    private @Nullable Instant firstProbe(Map<String, Double> parts, Instant now) {
        List<Duration> searches = new ArrayList<>(List.of(RECENT));
        searches.addAll(WINDOWS);
        boolean any = false;
        for (Duration window : searches) {
            Double seconds = parts.get("first_" + window.toSeconds());
            if (seconds == null) {
                continue;
            }
            any = true;
            Instant first = Instant.ofEpochMilli(Math.round(seconds * 1000));
            if (first.isAfter(now.minus(window).plus(slack(window)))) {
                return first; // begins inside this window: as precise as its steps
            }
        }
        return any ? null : now;
    }

    /** How late a search may find the first probe: one of its steps, and a scrape's jitter. */
    private Duration slack(Duration window) {
        return resolution(window).plus(scrapeInterval);
    }
}
