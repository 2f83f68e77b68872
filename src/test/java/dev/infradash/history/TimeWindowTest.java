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

    @ParameterizedTest
    @CsvSource({
        "7d, 640, 945", // 604,800 s / 640 px → 945 s: 640 points instead of 1000
        "7d, 920, 658",
        "24h, 460, 188",
        "7d, 4000, 605", // wider than MAX_POINTS: still at most 1000 points
        "1h, 640, 15" // 5.6 s → the scrape interval
    })
    void aChartAsksForNoMorePointsThanItHasPixels(String preset, int widthPx, long seconds) {
        TimeWindow window = TimeWindow.live(TimeWindow.Preset.parse(preset).orElseThrow(), NOW);
        Duration step = window.step(SCRAPE, widthPx);
        assertThat(step).isEqualTo(Duration.ofSeconds(seconds));
        assertThat(window.length().dividedBy(step)).isLessThanOrEqualTo(Math.min(widthPx, TimeWindow.MAX_POINTS));
    }

    @Test
    void aNonsenseWidthStillGivesAStep() {
        TimeWindow week = TimeWindow.live(TimeWindow.Preset.D7, NOW);
        assertThat(week.step(SCRAPE, 0)).isEqualTo(week.length());
        assertThat(week.step(SCRAPE, -5)).isEqualTo(week.length());
    }

    @ParameterizedTest
    @CsvSource({
        "1280, 640", // the bench's Chromium: two columns
        "800, 800", // one column, as wide as the window
        "1920, 480", // four columns
        "300, 300",
        "0, 920", // not known yet: the widest chart the grid lays out
        "-1, 920"
    })
    void chartsAreAsWideAsTheGridMakesThem(int windowWidth, int chartWidth) {
        assertThat(ChartWidth.of(windowWidth)).isEqualTo(chartWidth);
        assertThat(ChartWidth.of(windowWidth)).isLessThanOrEqualTo(2 * ChartWidth.MIN_COLUMN_PX);
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
