package dev.infradash.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One active target from {@code /api/v1/targets}.
 *
 * @param labels           the target's labels after relabelling (server, role, job, instance, ...)
 * @param discoveredLabels before relabelling, incl. {@code __address__} and our {@code __infradash_*}
 * @param health           up, down or unknown
 * @param lastScrape       null before the first scrape
 */
public record ScrapeTarget(
        Map<String, String> labels,
        Map<String, String> discoveredLabels,
        String scrapePool,
        String scrapeUrl,
        String health,
        String lastError,
        @Nullable Instant lastScrape,
        Duration lastScrapeDuration) {

    public ScrapeTarget {
        labels = Map.copyOf(labels);
        discoveredLabels = Map.copyOf(discoveredLabels);
    }

    /** host:port as the targets file names it. */
    public String address() {
        return discoveredLabels.getOrDefault("__address__", labels.getOrDefault("instance", ""));
    }
}
