package dev.infradash.alerting;

import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an alert rule watches, as an admin chooses it: no PromQL typing. A condition that takes a
 * threshold says in which unit and range; {@link #ADVANCED} takes a PromQL expression instead.
 */
public enum RuleCondition {
    DOWN("down", "Exporter down", null, 0, 0),
    CPU("cpu", "CPU above", "%", 1, 99.9),
    MEMORY("memory", "Memory above", "%", 1, 99.9),
    ROOT_FILESYSTEM("root_filesystem", "Root filesystem above", "%", 1, 99.9),
    ANY_FILESYSTEM("any_filesystem", "Any filesystem above", "%", 1, 99.9),
    DISK_FULL_FORECAST("disk_full_forecast", "Root filesystem full within", "h", 1, 8760),
    GPU_TEMPERATURE("gpu_temperature", "GPU temperature above", "°C", 20, 130),
    GPU_MEMORY("gpu_memory", "GPU memory above", "%", 1, 99.9),
    GPU_EXPORTER_MISSING("gpu_exporter_missing", "GPU exporter reports no GPUs", null, 0, 0),
    SERVICE_DOWN("service_down", "Service check failing", null, 0, 0),
    CERTIFICATE_EXPIRY("certificate_expiry", "Certificate expires within", "days", 1, 3650),
    ADVANCED("advanced", "Expression", null, 0, 0);

    private final String key;
    private final String words;
    private final @Nullable String unit;
    private final double minimum;
    private final double maximum;

    RuleCondition(String key, String words, @Nullable String unit, double minimum, double maximum) {
        this.key = key;
        this.words = words;
        this.unit = unit;
        this.minimum = minimum;
        this.maximum = maximum;
    }

    /** The name in JSON and the REST API, e.g. {@code root_filesystem}. */
    public String key() {
        return key;
    }

    /** How the UI names it, e.g. "CPU above". */
    public String words() {
        return words;
    }

    public boolean takesThreshold() {
        return unit != null;
    }

    /** The threshold's unit ("%", "h", "°C", "days"), or null when it takes none. */
    public @Nullable String unit() {
        return unit;
    }

    public double minimum() {
        return minimum;
    }

    public double maximum() {
        return maximum;
    }

    public static Optional<RuleCondition> byKey(String key) {
        return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst();
    }
}
