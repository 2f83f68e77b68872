package dev.infradash.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * The recorded-mode query as it was before the rules carried their tag: each recorded part
     * read by its own selector, its name dropped and its tag added by label_replace, all parts in
     * one or-tree. For the bench's A/B of the one-selector form.
     */
    public static String perPartRecorded(FleetQueries queries) {
        List<String> parts = new ArrayList<>();
        for (FleetQuery query : FleetQuery.values()) {
            String recorded = FleetQueries.RECORDED.get(query);
            String expression = recorded == null
                    ? queries.promql(query)
                    : "label_replace(" + recorded + ", \"__name__\", \"\", \"\", \"\")";
            parts.add("label_replace(" + expression + ", \"" + FleetQueries.QUERY_LABEL + "\", \"" + query.key()
                    + "\", \"\", \"\")");
        }
        return FleetQueries.union(parts);
    }
}
