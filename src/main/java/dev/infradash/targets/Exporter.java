package dev.infradash.targets;

/**
 * One scrape target of a server.
 *
 * @param address host:port as Prometheus scrapes it
 * @param scheme http or https
 * @param metricsPath the path Prometheus scrapes, usually /metrics
 */
public record Exporter(ExporterKind kind, String address, String scheme, String metricsPath) {}
