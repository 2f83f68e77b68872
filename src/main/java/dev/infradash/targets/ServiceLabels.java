package dev.infradash.targets;

/**
 * The label contract of service checks, which the collector, the detail view and the alert rules
 * rely on: every probe series of job {@code blackbox} carries {@code server}, {@code role},
 * {@code service} and {@code service_kind}, so it joins the host's series.
 */
public final class ServiceLabels {

    /** The scrape job of prometheus.yml that probes through blackbox_exporter. */
    public static final String JOB = "blackbox";
    /** The value of {@code __infradash_exporter} that marks a target group as a check, not an exporter. */
    public static final String MARKER = "blackbox";
    /** The check's name. */
    public static final String SERVICE = "service";
    /** http, tcp, icmp or dns. */
    public static final String KIND = "service_kind";
    /** The blackbox_exporter module; Prometheus sends it as the {@code module} URL parameter. */
    static final String MODULE = "__param_module";
    /** What an HTTP check's body must contain (dropped before the series; see {@link ServiceModules}). */
    static final String KEYWORD = "__infradash_keyword";
    /** The name a DNS check asks for (dropped before the series; see {@link ServiceModules}). */
    static final String DNS_QUERY = "__infradash_dns_query";

    private ServiceLabels() {}
}
