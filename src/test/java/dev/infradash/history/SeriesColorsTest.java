package dev.infradash.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infradash.fleet.TestSnapshots;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 15: colours repeated with six series and changed between ranges; empty charts blamed the exporter. */
class SeriesColorsTest {

    @Test
    void sixSeriesGetSixColoursAndANameKeepsItsColourInWhateverOrderTheyCome() {
        List<String> six = List.of("/", "/boot", "/data", "/home", "/srv", "/var");
        List<String> colors = SeriesColors.of(six);
        assertThat(new HashSet<>(colors)).hasSize(6);

        // another range answers the same mounts in another order: each keeps its colour
        List<String> reordered = List.of("/var", "/data", "/", "/srv", "/home", "/boot");
        List<String> again = SeriesColors.of(reordered);
        for (int i = 0; i < reordered.size(); i++) {
            assertThat(again.get(i)).as(reordered.get(i)).isEqualTo(colors.get(six.indexOf(reordered.get(i))));
        }
        List<String> modes = SeriesColors.of(List.of("user", "system", "iowait", "other"));
        List<String> shuffled = SeriesColors.of(List.of("other", "iowait", "system", "user"));
        assertThat(shuffled)
                .as("CPU modes keep their colours in any order")
                .containsExactly(modes.get(3), modes.get(2), modes.get(1), modes.get(0));
        assertThat(new HashSet<>(modes)).hasSize(4);
    }

    @Test
    void seriesOrderIsStableWithTheFoldedRestLast() {
        List<String> names =
                new java.util.ArrayList<>(List.of("tx other", "rx eth10", "rx other", "rx eth2", "tx eth2"));
        names.sort(SeriesNames.STABLE_ORDER);
        assertThat(names).containsExactly("rx eth2", "rx eth10", "tx eth2", "rx other", "tx other");
    }

    @Test
    void aFutureWindowSaysSoInsteadOfBlamingTheExporter() {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        TimeWindow future = TimeWindow.fixed(now.plusSeconds(3600), now.plusSeconds(7200));
        String reason =
                MissingData.explain(Chart.CPU, TestSnapshots.server("web-1").build(), future, now);
        assertThat(reason).isEqualTo("No data: this window lies in the future.");
    }
}
