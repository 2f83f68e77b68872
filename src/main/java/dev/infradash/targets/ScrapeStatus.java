package dev.infradash.targets;

import dev.infradash.prometheus.ScrapeTarget;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How Prometheus scrapes one exporter of one server: what the settings view shows next to it.
 * Its own type, so the view does not depend on the Prometheus client's.
 *
 * @param server     the target's {@code server} label
 * @param address    host:port as the targets file names it
 * @param job        the scrape job
 * @param health     up, down or unknown
 * @param lastError  empty when the last scrape worked
 * @param lastScrape null before the first scrape
 */
public record ScrapeStatus(
        String server,
        String address,
        String job,
        String health,
        String lastError,
        @Nullable Instant lastScrape,
        @Nullable Duration lastScrapeDuration) {

    static ScrapeStatus of(ScrapeTarget target) {
        return new ScrapeStatus(
                target.labels().getOrDefault(TargetFile.SERVER_LABEL, ""),
                target.address(),
                target.labels().getOrDefault("job", ""),
                target.health(),
                target.lastError() == null ? "" : target.lastError(),
                target.lastScrape(),
                target.lastScrapeDuration());
    }
}
