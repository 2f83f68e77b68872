package dev.infradash.targets;

import java.util.List;

/**
 * One exporter of a server as the settings view edits it.
 *
 * @param host        a DNS name, a dotted IPv4 address or a bracketed IPv6 address ({@code [::1]})
 * @param scheme      http or https
 * @param metricsPath the path Prometheus scrapes, usually /metrics
 */
public record ExporterDefinition(ExporterKind kind, String host, int port, String scheme, String metricsPath) {

    public static final String DEFAULT_SCHEME = "http";
    public static final String DEFAULT_METRICS_PATH = "/metrics";

    public ExporterDefinition {
        scheme = scheme == null ? DEFAULT_SCHEME : scheme;
        metricsPath = metricsPath == null ? DEFAULT_METRICS_PATH : metricsPath;
    }

    /** An exporter scraped over http at /metrics. */
    public ExporterDefinition(ExporterKind kind, String host, int port) {
        this(kind, host, port, DEFAULT_SCHEME, DEFAULT_METRICS_PATH);
    }

    /**
     * Splits a {@code host:port} as the targets file (and a pasted address) writes it. The host is
     * not checked here (the validator does that); only the split and the port are.
     *
     * @throws ValidationException with field {@code address} or {@code port} when it cannot be split
     */
    public static ExporterDefinition fromAddress(ExporterKind kind, String address, String scheme, String metricsPath) {
        if (address == null || address.isEmpty()) {
            throw new ValidationException(List.of(new FieldError("address", "is required (host:port)")));
        }
        if (address.length() > TargetValidator.MAX_HOST_LENGTH + 7) {
            throw new ValidationException(List.of(
                    new FieldError("address", TargetValidator.tooLong(address, TargetValidator.MAX_HOST_LENGTH + 7))));
        }
        int colon = address.lastIndexOf(':');
        if (address.startsWith("[") && address.lastIndexOf(']') > colon) {
            colon = -1; // "[::1]" alone: the colons are the address's, there is no port
        }
        if (colon < 0) {
            throw new ValidationException(
                    List.of(new FieldError("address", "needs a port: host:port, e.g. 10.0.0.5:9100")));
        }
        String host = address.substring(0, colon);
        return new ExporterDefinition(
                kind, host, TargetValidator.parsePort("port", address.substring(colon + 1)), scheme, metricsPath);
    }

    /** {@code host:port} as Prometheus scrapes it. */
    public String address() {
        return host + ":" + port;
    }
}
