package dev.infradash.targets;

/**
 * One service check of a server (an HTTP endpoint, a TCP port, ping, a DNS resolver), probed by
 * blackbox_exporter. Like {@link ServerDefinition} it carries what the user typed, nulls included,
 * to {@link ServiceRules}, which names every problem by field.
 *
 * @param name             the {@code service} label: a short id such as {@code qdrant} or {@code ssh}
 * @param target           http: the URL; tcp and dns: host:port (dns: the resolver); icmp: the host
 * @param keyword          http only, may be empty: the body must contain it (see {@link ServiceModules})
 * @param acceptSelfSigned http only: a self-signed certificate (Proxmox's :8006) still counts as up
 * @param dnsQuery         dns only, may be empty: the name the resolver is asked for (see {@link ServiceModules})
 * @param expectStatus     http only (others keep the default): the status codes that count as up
 */
public record ServiceCheck(
        String name,
        ServiceKind kind,
        String target,
        String keyword,
        boolean acceptSelfSigned,
        String dnsQuery,
        ExpectedStatus expectStatus) {

    public ServiceCheck {
        keyword = keyword == null ? "" : keyword;
        dnsQuery = dnsQuery == null ? "" : dnsQuery;
        expectStatus = expectStatus == null ? ExpectedStatus.SUCCESS : expectStatus;
    }

    /** A check that expects 2xx, the files and API calls from before status ranges. */
    public ServiceCheck(
            String name, ServiceKind kind, String target, String keyword, boolean acceptSelfSigned, String dnsQuery) {
        this(name, kind, target, keyword, acceptSelfSigned, dnsQuery, ExpectedStatus.SUCCESS);
    }

    /** A check without keyword, TLS exception or DNS query. */
    public ServiceCheck(String name, ServiceKind kind, String target) {
        this(name, kind, target, "", false, "");
    }

    /** The blackbox_exporter module that probes it (the {@code __param_module} label). */
    public String module() {
        return ServiceModules.moduleOf(this);
    }
}
