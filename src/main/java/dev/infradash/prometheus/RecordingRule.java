package dev.infradash.prometheus;

/**
 * One recording rule as the backend evaluates it ({@code /api/v1/rules?type=record}).
 *
 * @param health    {@code ok}, {@code err} or {@code unknown} (not evaluated yet)
 * @param evaluated whether it has been evaluated at least once, so its series exist
 */
public record RecordingRule(String name, String query, String health, boolean evaluated) {

    public boolean usable() {
        return evaluated && "ok".equals(health);
    }
}
