package dev.infradash.fleet;

import dev.infradash.prometheus.Sample;
import java.util.List;
import java.util.Map;

/**
 * A slice's share of the collector's ONE request per cycle: it adds tagged PromQL parts to the
 * combined query and turns their answer into per-server values the snapshot carries. The fleet
 * knows nothing of what the parts mean (live charts, for instance), so it imports no slice above it.
 *
 * <p>Both methods run on the collector's thread, once per cycle, never concurrently.
 */
public interface CycleParts {

    /**
     * The PromQL to add to this cycle's combined query, by tag (the {@code infradash_query} label
     * value; it must not clash with the fleet's own keys). Empty when nothing is wanted.
     */
    Map<String, String> parts();

    /**
     * The answer to this cycle's parts, by tag (a tag without samples may be absent), made into
     * values by server id. Not called when Prometheus could not answer the combined query.
     *
     * @param fleet the snapshot this cycle assembled, without details: its servers and time
     */
    Map<String, ServerDetail> answered(Map<String, List<Sample>> answers, FleetSnapshot fleet);
}
