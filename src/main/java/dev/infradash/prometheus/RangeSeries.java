package dev.infradash.prometheus;

import java.util.List;
import java.util.Map;

public record RangeSeries(Map<String, String> labels, List<Point> points) {
    public RangeSeries {
        labels = Labels.copyOf(labels);
        points = List.copyOf(points);
    }
}
