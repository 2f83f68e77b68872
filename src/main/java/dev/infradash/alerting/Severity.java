package dev.infradash.alerting;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The {@code severity} label of an alert. */
public enum Severity {
    CRITICAL,
    WARNING,
    INFO;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Severity> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst();
    }
}
