package dev.infradash.history;

import dev.infradash.base.chart.Point;
import dev.infradash.base.chart.Unit;
import dev.infradash.fleet.CollectorProperties;
import dev.infradash.fleet.FleetSnapshotPublisher;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/servers/{id}/series}: a detail-view chart as JSON, from the same PromQL the
 * detail view draws. Every bad parameter is a 400 that names it.
 */
@RestController
@RequestMapping(path = "/api/servers", produces = "application/json")
class SeriesApiController {

    /** Prometheus refuses more than 11,000 points per series; stay well under. */
    static final long MAX_POINTS = 10_000;
    /** Instants outside these years are typing errors, and near Instant's own limits arithmetic overflows. */
    static final Instant EARLIEST = Instant.EPOCH;

    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    /** The longest window and the coarsest step: what the detail view allows too. */
    static final Duration LONGEST = WindowParameters.LONGEST;

    private final ServerHistory history;
    private final ServiceHistory services;
    private final FleetSnapshotPublisher snapshots;
    private final Clock clock;
    private final Duration scrapeInterval;

    SeriesApiController(
            ServerHistory history,
            ServiceHistory services,
            FleetSnapshotPublisher snapshots,
            Clock clock,
            CollectorProperties properties) {
        this.history = history;
        this.services = services;
        this.snapshots = snapshots;
        this.clock = clock;
        this.scrapeInterval = properties.scrapeInterval();
    }

    record SeriesJson(String name, List<double[]> points) {}

    record SeriesResponse(
            String server,
            String metric,
            String unit,
            Instant from,
            Instant to,
            long stepSeconds,
            List<SeriesJson> series) {}

    @GetMapping("/{id}/series")
    SeriesResponse series(
            @PathVariable String id,
            @RequestParam(required = false) String metric,
            @RequestParam(required = false) String range,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String step,
            @RequestParam(required = false) String service) {
        if (metric != null && ServiceHistory.Metric.parse(metric).isPresent()) {
            return serviceSeries(id, ServiceHistory.Metric.parse(metric).orElseThrow(), service, range, from, to, step);
        }
        Chart chart = chart(metric);
        TimeWindow window = window(range, from, to);
        Duration stepDuration = step == null ? window.step(scrapeInterval) : step(step, window);
        if (snapshots.current().server(id).isEmpty()) {
            throw new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "No server with id '" + id + "' in the current snapshot");
        }
        ChartData data = history.chart(id, chart, window, stepDuration);
        if (data.error() != null) {
            throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, data.error());
        }
        return new SeriesResponse(
                id,
                chart.name().toLowerCase(Locale.ROOT),
                unitName(chart.unit()),
                window.from(),
                window.to(),
                stepDuration.toSeconds(),
                data.series().stream()
                        .map(s -> new SeriesJson(
                                s.name(),
                                s.points().stream()
                                        .filter(p -> p.value() != null)
                                        .map(SeriesApiController::pair)
                                        .toList()))
                        .toList());
    }

    /** {@code metric=service_latency|service_up&service=<check name>}: one check's history. */
    private SeriesResponse serviceSeries(
            String id,
            ServiceHistory.Metric metric,
            String service,
            String range,
            String from,
            String to,
            String step) {
        TimeWindow window = window(range, from, to);
        Duration stepDuration = step == null ? window.step(scrapeInterval) : step(step, window);
        var server = snapshots
                .current()
                .server(id)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "No server with id '" + id + "' in the current snapshot"));
        List<String> names = server.services().stream().map(s -> s.name()).toList();
        if (service == null || service.isBlank()) {
            throw bad("Parameter 'service' is required with metric " + metric.label() + ": one of "
                    + (names.isEmpty() ? "(this server has no checks)" : String.join(", ", names)));
        }
        if (!names.contains(service)) {
            throw new ResponseStatusException(
                    HttpStatus.NOT_FOUND,
                    "Server '" + id + "' has no check '" + shorten(service) + "'"
                            + (names.isEmpty() ? "" : "; its checks: " + String.join(", ", names)));
        }
        List<dev.infradash.base.chart.Series> answer;
        try {
            answer = services.series(metric, id, service, window, stepDuration);
        } catch (dev.infradash.prometheus.PrometheusException e) {
            throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, e.getMessage());
        }
        return new SeriesResponse(
                id,
                metric.label(),
                metric.unit(),
                window.from(),
                window.to(),
                stepDuration.toSeconds(),
                answer.stream()
                        .map(s -> new SeriesJson(
                                s.name(),
                                s.points().stream()
                                        .filter(p -> p.value() != null)
                                        .map(SeriesApiController::pair)
                                        .toList()))
                        .toList());
    }

    private static double[] pair(Point point) {
        return new double[] {point.epochMillis(), point.value()};
    }

    /** The API has always called a plain number's unit NUMBER; the chart component calls it NONE. */
    private static String unitName(Unit unit) {
        return unit == Unit.NONE ? "NUMBER" : unit.name();
    }

    private static Chart chart(String metric) {
        String names = Arrays.stream(Chart.values())
                        .map(c -> c.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "))
                + ", "
                + Arrays.stream(ServiceHistory.Metric.values())
                        .map(ServiceHistory.Metric::label)
                        .collect(Collectors.joining(", "))
                + " (with service=<check name>)";
        if (metric == null || metric.isBlank()) {
            throw bad("Parameter 'metric' is required: one of " + names);
        }
        try {
            return Chart.valueOf(metric.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("Parameter 'metric' must be one of " + names + ", not '" + shorten(metric) + "'");
        }
    }

    private TimeWindow window(String range, String from, String to) {
        Instant now = clock.instant();
        if (from != null || to != null) {
            if (range != null) {
                throw bad("Give either 'range' or 'from' and 'to', not both");
            }
            Instant start = instant("from", from);
            Instant end = instant("to", to);
            if (!end.isAfter(start)) {
                throw bad("Parameter 'to' must be after 'from'");
            }
            if (Duration.between(start, end).compareTo(LONGEST) > 0) {
                throw bad("Parameters 'from' and 'to' must be at most " + LONGEST.toDays() + " days apart");
            }
            return TimeWindow.fixed(start, end);
        }
        if (range == null) {
            return TimeWindow.live(TimeWindow.Preset.H1, now);
        }
        return TimeWindow.Preset.parse(range)
                .map(preset -> TimeWindow.live(preset, now))
                .orElseThrow(() -> bad("Parameter 'range' must be one of "
                        + Arrays.stream(TimeWindow.Preset.values())
                                .map(TimeWindow.Preset::label)
                                .collect(Collectors.joining(", "))
                        + ", not '" + shorten(range) + "'"));
    }

    private static Instant instant(String name, String text) {
        if (text == null) {
            throw bad("Parameter '" + name + "' is required with the other of 'from' and 'to'");
        }
        Instant instant;
        try {
            String value = text.trim();
            instant = value.chars().allMatch(Character::isDigit) && !value.isEmpty()
                    ? Instant.ofEpochSecond(Long.parseLong(value))
                    : Instant.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw bad("Parameter '" + name + "' must be epoch seconds or ISO-8601, not '" + shorten(text) + "'");
        } catch (DateTimeException outsideInstantRange) {
            instant = Instant.MAX;
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw bad("Parameter '" + name + "' must be between " + EARLIEST + " and " + LATEST + ", not '"
                    + shorten(text) + "'");
        }
        return instant;
    }

    private static Duration step(String text, TimeWindow window) {
        Duration step;
        try {
            String value = text.trim();
            step = value.chars().allMatch(Character::isDigit) && !value.isEmpty()
                    ? Duration.ofSeconds(Long.parseLong(value))
                    : Duration.parse("PT" + value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw bad("Parameter 'step' must be seconds or a duration like 30s or 5m, not '" + shorten(text) + "'");
        }
        if (step.compareTo(Duration.ofSeconds(1)) < 0) {
            throw bad("Parameter 'step' must be at least 1s");
        }
        if (step.compareTo(LONGEST) > 0) {
            throw bad("Parameter 'step' must be at most " + LONGEST.toDays() + "d, not '" + shorten(text) + "'");
        }
        if (window.length().dividedBy(step) > MAX_POINTS) {
            throw bad("Parameter 'step' gives more than " + MAX_POINTS + " points for this window; use a larger step");
        }
        return step;
    }

    private static ResponseStatusException bad(String message) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
    }

    /** Echo only a little of what was sent: a 10 KB parameter does not belong in an error. */
    private static String shorten(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }
}
