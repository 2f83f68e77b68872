package dev.infradash.fleet;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The latest chart values of a server someone is watching in a detail view, asked in the same
 * cycle request as the fleet and already named and folded the way its history is: a live chart
 * appends them as points without computing anything.
 *
 * @param sampledAt the cycle's evaluation time, where the appended points go
 * @param charts    by chart key: series name to value (NaN when Prometheus answered NaN)
 */
public record ServerDetail(Instant sampledAt, Map<String, Map<String, Double>> charts) {

    public ServerDetail {
        Map<String, Map<String, Double>> copy = new HashMap<>();
        charts.forEach((chart, values) -> copy.put(chart, Map.copyOf(values)));
        charts = Map.copyOf(copy);
    }

    /** The values of one chart by series name; empty when it had none this cycle. */
    public Map<String, Double> chart(String key) {
        return charts.getOrDefault(key, Map.of());
    }
}
