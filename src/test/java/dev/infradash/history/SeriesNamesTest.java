package dev.infradash.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infradash.base.chart.Point;
import dev.infradash.base.chart.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesNamesTest {

    @Test
    void seriesReadInNumberOrder() {
        List<String> names = new ArrayList<>(List.of("15m", "5m", "1m", "rx eth10", "rx eth2", "available", "used"));
        names.sort(SeriesNames.READING_ORDER);
        assertThat(names).containsExactly("1m", "5m", "15m", "available", "rx eth2", "rx eth10", "used");
    }

    @Test
    void interfacesBeyondTheBusiestFourAreSummedAsOther() {
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            series.add(new Series("rx eth" + i, List.of(new Point(1000, (double) i), new Point(2000, (double) i))));
        }
        List<Series> folded = SeriesNames.foldNetwork(series);
        assertThat(folded)
                .extracting(Series::name)
                .contains("rx eth5", "rx eth4", "rx eth3", "rx eth2", "rx other")
                .doesNotContain("rx eth0", "rx eth1");
        Series other = folded.stream()
                .filter(s -> s.name().equals("rx other"))
                .findFirst()
                .orElseThrow();
        assertThat(other.points()).extracting(Point::value).containsExactly(1.0, 1.0); // eth0 (0) + eth1 (1)
        assertThat(SeriesNames.name(
                        Chart.GPU_POWER, Map.of("uuid", "0a1b2c3d-0000"), Map.of("0a1b2c3d-0000", "NVIDIA L4")))
                .isEqualTo("NVIDIA L4 · 0a1b2c3d");
    }
}
