package dev.infradash.targets;

import java.util.Optional;

/**
 * The modules of {@code prometheus/blackbox.yml} a check is probed with. blackbox_exporter 0.23
 * takes only {@code module} and {@code target} per probe: a body regexp and a DNS query name are
 * module settings, not per-target ones. Rather than generating a module per keyword (a modules
 * file Infradash would have to rewrite and make blackbox_exporter reload), a keyword check uses
 * the one shipped {@code http_keyword} module, whose regexp the administrator writes once for all
 * keyword checks (an alternation such as {@code healthz check passed|Proxmox}); the check's own
 * keyword is kept in the targets file, shown, and is what that regexp must cover. The same holds
 * for the {@code dns} module's query name.
 */
public final class ServiceModules {

    public static final String HTTP = "http_2xx";
    public static final String HTTP_INSECURE = "http_2xx_insecure";
    public static final String HTTP_KEYWORD = "http_keyword";
    public static final String HTTP_KEYWORD_INSECURE = "http_keyword_insecure";
    public static final String TCP = "tcp_connect";
    public static final String ICMP = "icmp";
    public static final String DNS = "dns";

    private ServiceModules() {}

    static String moduleOf(ServiceCheck check) {
        if (check.kind() == null) {
            return HTTP;
        }
        return switch (check.kind()) {
            case HTTP -> {
                boolean keyword = check.keyword() != null && !check.keyword().isEmpty();
                if (keyword) {
                    yield check.acceptSelfSigned() ? HTTP_KEYWORD_INSECURE : HTTP_KEYWORD;
                }
                yield check.acceptSelfSigned() ? HTTP_INSECURE : HTTP;
            }
            case TCP -> TCP;
            case ICMP -> ICMP;
            case DNS -> DNS;
        };
    }

    /** Whether a module (as read back from the file) accepts self-signed certificates. */
    static boolean insecure(String module) {
        return module.equals(HTTP_INSECURE) || module.equals(HTTP_KEYWORD_INSECURE);
    }

    /** The kind a module probes, to check a hand-edited file's module against its service_kind. */
    static Optional<ServiceKind> kindOf(String module) {
        return switch (module) {
            case HTTP, HTTP_INSECURE, HTTP_KEYWORD, HTTP_KEYWORD_INSECURE -> Optional.of(ServiceKind.HTTP);
            case TCP -> Optional.of(ServiceKind.TCP);
            case ICMP -> Optional.of(ServiceKind.ICMP);
            case DNS -> Optional.of(ServiceKind.DNS);
            default -> Optional.empty();
        };
    }
}
