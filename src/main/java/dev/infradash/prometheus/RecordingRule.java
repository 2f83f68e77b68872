package dev.infradash.prometheus;

import java.util.Map;

/**
 * One recording rule as the backend evaluates it ({@code /api/v1/rules?type=record}).
 *
 * @param health    {@code ok}, {@code err} or {@code unknown} (not evaluated yet)
 * @param evaluated whether it has been evaluated at least once, so its series exist
 * @param labels    the static labels the rule adds to every series it records
 */
public record RecordingRule(String name, String query, String health, boolean evaluated, Map<String, String> labels) {

    public RecordingRule {
        labels = Map.copyOf(labels);
    }

    public boolean usable() {
        return evaluated && "ok".equals(health);
    }
}
