package dev.infradash.prometheus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

final class Labels {
    private Labels() {}

    /**
     * Unmodifiable copy that keeps Prometheus' label order (__name__ first, then sorted), which
     * Map.copyOf would scramble; display code shows labels in that order.
     */
    static Map<String, String> copyOf(Map<String, String> labels) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>(labels);
        if (copy.containsKey(null) || copy.containsValue(null)) {
            throw new NullPointerException("labels must not contain null names or values");
        }
        return Collections.unmodifiableMap(copy);
    }
}
