package dev.infradash.fleet;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import dev.infradash.base.UiProperties;
import dev.infradash.testsupport.KaribuTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 15: the disk-full forecast on the card, when a filesystem is full within a week. */
class DiskForecastTest extends KaribuTest {

    private static final double DAY = Duration.ofDays(1).toSeconds();

    private final ServerCard card = new ServerCard("db-1", new UiProperties(null, null, null, null, null));

    private void show(FilesystemUsage... filesystems) {
        card.show(TestSnapshots.server("db-1").filesystems(filesystems).build(), TestSnapshots.COLLECTED_AT, true);
    }

    @Test
    void theCardNamesTheFilesystemThatFillsFirstWhenWithinAWeek() {
        UI.getCurrent().add(card);
        show(
                new FilesystemUsage("/", 40.0, 50e9, null),
                new FilesystemUsage("/data", 91.0, 2e12, 9 * DAY),
                new FilesystemUsage("/var", 70.0, 20e9, 4.6 * DAY));

        DiskForecast forecast = _get(card, DiskForecast.class);
        assertThat(forecast.getText()).isEqualTo("/var full in ~5 days");
        assertThat(forecast.getElement().getThemeList()).contains("badge", "warning");

        show(new FilesystemUsage("/data", 99.0, 2e12, 5 * 3600.0));
        assertThat(_get(card, DiskForecast.class).getText()).isEqualTo("/data full in ~5 hours");
        assertThat(forecast.getElement().getThemeList()).contains("error").doesNotContain("warning");
    }

    @Test
    void nothingShowsWhenNoFilesystemFillsWithinAWeek() {
        UI.getCurrent().add(card);
        show(new FilesystemUsage("/data", 91.0, 2e12, 9 * DAY), new FilesystemUsage("/", 40.0, 50e9, null));
        _assertNone(card, DiskForecast.class);
    }

    @Test
    void durationsAreRoundedAsAForecastDeserves() {
        assertThat(DiskForecast.approximately(40)).isEqualTo("~1 minute");
        assertThat(DiskForecast.approximately(25 * 60)).isEqualTo("~25 minutes");
        assertThat(DiskForecast.approximately(30 * 3600)).isEqualTo("~30 hours");
        assertThat(DiskForecast.approximately(9.2 * DAY)).isEqualTo("~9 days");
    }
}
