package dev.infradash.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Duration SCRAPE = Duration.ofSeconds(15);

    @ParameterizedTest
    @CsvSource({
        "15m, 15", // 900 s / 1000 → 1 s, raised to the scrape interval
        "1h, 15", // 3.6 s → 15 s
        "6h, 22", // 21.6 s → 22 s
        "24h, 87", // 86.4 s → 87 s
        "7d, 605"
    }) // 604.8 s → 605 s
    void stepKeepsSeriesUnderAThousandPointsAndNeverBelowTheScrapeInterval(String preset, long seconds) {
        TimeWindow window = TimeWindow.live(TimeWindow.Preset.parse(preset).orElseThrow(), NOW);
        Duration step = window.step(SCRAPE);
        assertThat(step).isEqualTo(Duration.ofSeconds(seconds));
        assertThat(window.length().dividedBy(step)).isLessThanOrEqualTo(TimeWindow.MAX_POINTS);
        assertThat(step).isGreaterThanOrEqualTo(SCRAPE);
    }

    @Test
    void aTenMinuteZoomGetsFullResolution() {
        TimeWindow zoom = TimeWindow.fixed(NOW.minusSeconds(600), NOW);
        assertThat(zoom.step(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(zoom.step(SCRAPE)).isEqualTo(SCRAPE);
        assertThat(zoom.isLive()).isFalse();
    }

    @Test
    void presetsParseFromTheUrlAndNothingElseDoes() {
        assertThat(TimeWindow.Preset.parse("6h")).contains(TimeWindow.Preset.H6);
        assertThat(TimeWindow.Preset.parse(" 7D ")).contains(TimeWindow.Preset.D7);
        assertThat(TimeWindow.Preset.parse("banana")).isEmpty();
        assertThat(TimeWindow.Preset.parse(null)).isEmpty();
    }

    @Test
    void anEmptyOrBackwardWindowIsRefused() {
        assertThatThrownBy(() -> TimeWindow.fixed(NOW, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimeWindow.fixed(NOW, NOW.minusSeconds(1))).hasMessageContaining("must end after");
    }
}
