package dev.infradash.alerting;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * How long a silence lasts, as the UI and the REST API offer it. "Until resolved" has no end
 * Alertmanager would accept, so it becomes a long silence that {@link UntilResolvedExpirer}
 * expires once nothing it covers fires any more.
 */
public enum SilenceDuration {
    ONE_HOUR("1h", "1 hour", Duration.ofHours(1)),
    FOUR_HOURS("4h", "4 hours", Duration.ofHours(4)),
    ONE_DAY("24h", "24 hours", Duration.ofHours(24)),
    UNTIL_RESOLVED("until-resolved", "Until resolved", Duration.ofDays(30));

    private final String key;
    private final String label;
    private final Duration length;

    SilenceDuration(String key, String label, Duration length) {
        this.key = key;
        this.label = label;
        this.length = length;
    }

    /** As the REST API spells it: 1h, 4h, 24h, until-resolved. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** How long the Alertmanager silence lasts; for "until resolved" the longest it may last. */
    public Duration length() {
        return length;
    }

    public static Optional<SilenceDuration> parse(String key) {
        return Arrays.stream(values()).filter(d -> d.key.equals(key)).findFirst();
    }

    /** "1h, 4h, 24h or until-resolved", for a refusal. */
    static String choices() {
        return "1h, 4h, 24h or until-resolved";
    }
}
