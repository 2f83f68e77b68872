package dev.infradash.targets;

import java.util.Locale;
import java.util.Optional;

/** Which scrape job of prometheus.yml scrapes an exporter; stored as {@code __infradash_exporter}. */
public enum ExporterKind {
    NODE,
    GPU,
    OTHER;

    /** The value in the targets file and the Prometheus job name. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ExporterKind> fromLabel(String label) {
        for (ExporterKind kind : values()) {
            if (kind.label().equals(label)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
