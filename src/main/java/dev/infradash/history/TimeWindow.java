package dev.infradash.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The time span a detail view shows: a live preset (the last 15 minutes, moving) or a fixed
 * window (a custom range or a zoom).
 *
 * @param preset the live preset, or null for a fixed window
 */
public record TimeWindow(Instant from, Instant to, @Nullable Preset preset) {

    /**
     * Most points a chart series asks Prometheus for, whatever the chart's width; the step grows
     * to stay under it. A chart narrower than this asks for fewer (see {@link #step(Duration, int)}).
     */
    public static final int MAX_POINTS = 1000;

    public TimeWindow {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the window must end after it starts: " + from + " to " + to);
        }
    }

    public static TimeWindow live(Preset preset, Instant now) {
        return new TimeWindow(now.minus(preset.length()), now, preset);
    }

    public static TimeWindow fixed(Instant from, Instant to) {
        return new TimeWindow(from, to, null);
    }

    public boolean isLive() {
        return preset != null;
    }

    /** The preset of a live window; only for a window that {@link #isLive()}. */
    public Preset livePreset() {
        return Objects.requireNonNull(preset, "a fixed window has no preset");
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /**
     * The query_range step: the window divided into at most {@link #MAX_POINTS} points, rounded up
     * to a whole second, and never finer than Prometheus' scrape interval (finer steps only repeat
     * the same sample).
     */
    public Duration step(Duration scrapeInterval) {
        return step(scrapeInterval, MAX_POINTS);
    }

    /**
     * As {@link #step(Duration)} for a chart {@code points} pixels wide: no series carries more
     * points than the chart can draw (at 7 days, a 640 px chart asks for 640 points, not 1000:
     * Prometheus evaluates, encodes and the browser draws a third less for the same picture).
     * Never more than {@link #MAX_POINTS}, never fewer than one.
     */
    public Duration step(Duration scrapeInterval, int points) {
        int most = Math.max(1, Math.min(points, MAX_POINTS));
        long millis = (length().toMillis() + most - 1) / most;
        long seconds = Math.max(1, (millis + 999) / 1000);
        Duration step = Duration.ofSeconds(seconds);
        return step.compareTo(scrapeInterval) < 0 ? scrapeInterval : step;
    }

    /** The ranges offered as buttons; each moves with the clock. */
    public enum Preset {
        M15("15m", Duration.ofMinutes(15)),
        H1("1h", Duration.ofHours(1)),
        H6("6h", Duration.ofHours(6)),
        H24("24h", Duration.ofHours(24)),
        D7("7d", Duration.ofDays(7));

        private final String label;
        private final Duration length;

        Preset(String label, Duration length) {
            this.label = label;
            this.length = length;
        }

        public String label() {
            return label;
        }

        public Duration length() {
            return length;
        }

        public static Optional<Preset> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            for (Preset preset : values()) {
                if (preset.label.equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return Optional.of(preset);
                }
            }
            return Optional.empty();
        }
    }
}
