package dev.infradash.fleet;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test access to each fleet part's PromQL by its {@code infradash_query} key, in cycle order. */
public final class FleetQueryParts {

    private FleetQueryParts() {}

    public static Map<String, String> byKey(FleetQueries queries) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (FleetQuery query : FleetQuery.values()) {
            parts.put(query.key(), queries.promql(query));
        }
        return parts;
    }
}
