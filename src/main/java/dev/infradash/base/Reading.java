package dev.infradash.base;

import java.time.Instant;

/**
 * One value and when Prometheus scraped it. A missing reading (null where one is expected) means
 * the value is unavailable: its query failed, or the exporter does not export it.
 */
public record Reading(double value, Instant sampledAt) {}
