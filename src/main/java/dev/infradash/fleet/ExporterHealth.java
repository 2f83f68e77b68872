package dev.infradash.fleet;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The scrape state of one job of a server.
 *
 * @param job the Prometheus job: node, gpu or other
 * @param lastScrape when Prometheus last tried to scrape it, or null if unknown
 */
public record ExporterHealth(
        String job, boolean up, @Nullable Instant lastScrape) {}
