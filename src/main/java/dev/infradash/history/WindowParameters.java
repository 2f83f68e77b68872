package dev.infradash.history;

import com.vaadin.flow.router.QueryParameters;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The detail view's window in its URL: {@code ?range=6h} for a live preset, {@code ?from=..&to=..}
 * (epoch seconds or ISO-8601) for a fixed window, so a pasted URL shows the same view.
 */
final class WindowParameters {

    static final TimeWindow.Preset DEFAULT = TimeWindow.Preset.M15;
    /** Beyond what Prometheus keeps by default and what a chart can draw usefully. */
    static final Duration LONGEST = Duration.ofDays(400);

    private WindowParameters() {}

    /** The window the URL asks for, or empty when it asks for something invalid. */
    static Optional<TimeWindow> parse(QueryParameters parameters, Instant now) {
        Map<String, List<String>> params = parameters.getParameters();
        String from = first(params, "from");
        String to = first(params, "to");
        if (from != null || to != null) {
            if (from == null || to == null) {
                return Optional.empty(); // one end alone is no window
            }
            try {
                Instant start = instant(from);
                Instant end = instant(to);
                if (!end.isAfter(start) || Duration.between(start, end).compareTo(LONGEST) > 0) {
                    return Optional.empty();
                }
                return Optional.of(TimeWindow.fixed(start, end));
            } catch (DateTimeException | NumberFormatException | NullPointerException e) {
                return Optional.empty();
            }
        }
        String range = first(params, "range");
        if (range == null) {
            return Optional.of(TimeWindow.live(DEFAULT, now));
        }
        return TimeWindow.Preset.parse(range).map(preset -> TimeWindow.live(preset, now));
    }

    static QueryParameters of(TimeWindow window) {
        if (window.isLive()) {
            return QueryParameters.simple(Map.of("range", window.livePreset().label()));
        }
        return QueryParameters.simple(Map.of(
                "from",
                Long.toString(window.from().getEpochSecond()),
                "to",
                Long.toString(window.to().getEpochSecond())));
    }

    private static Instant instant(String text) {
        String value = text.trim();
        return value.chars().allMatch(Character::isDigit)
                ? Instant.ofEpochSecond(Long.parseLong(value))
                : Instant.parse(value);
    }

    private static @Nullable String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
