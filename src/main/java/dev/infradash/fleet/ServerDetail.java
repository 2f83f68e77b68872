package dev.infradash.fleet;

import dev.infradash.history.Chart;

import dev.infradash.prometheus.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The latest values of every {@link Chart} of a server someone is watching in a detail view,
 * asked in the same cycle request as the fleet; live charts append them as points.
 *
 * @param sampledAt the cycle's evaluation time, where the appended points go
 */
public record ServerDetail(Instant sampledAt, Map<Chart, List<Sample>> values) {

    public ServerDetail {
        values = Map.copyOf(values);
    }
}
