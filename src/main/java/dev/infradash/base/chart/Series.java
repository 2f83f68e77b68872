package dev.infradash.base.chart;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/** A named series; the name is data (shown as text in legend and tooltip), never markup or code. */
public record Series(String name, @JsonProperty("data") List<Point> points) {

    public Series {
        Objects.requireNonNull(name, "name");
        points = List.copyOf(points);
    }
}
