package dev.infradash.history;

import java.util.List;

/** One line or area of a chart: its name and its points in time order. */
public record ChartSeries(String name, List<ChartPoint> points) {

    public ChartSeries {
        points = List.copyOf(points);
    }
}
