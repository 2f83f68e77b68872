package dev.infradash.targets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The modules of {@code prometheus/blackbox.yml} a check is probed with. blackbox_exporter 0.23
 * takes only {@code module} and {@code target} per probe: a body regexp, accepted status codes and
 * a DNS query name are module settings, not per-target ones. Rather than generating a module per
 * check (a modules file Infradash would have to rewrite and make blackbox_exporter reload), the
 * file ships one http module per combination of the small fixed set of choices: expected status
 * ({@link ExpectedStatus}), keyword or not, self-signed TLS or not. A keyword check uses the
 * shipped {@code http_keyword*} modules, whose regexp the administrator writes once for all
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

    /** What an http module name stands for. */
    public record HttpModule(String name, ExpectedStatus status, boolean keyword, boolean insecure) {}

    private static final Map<String, HttpModule> HTTP_MODULES = buildHttpModules();

    private ServiceModules() {}

    /** Every http module Infradash may write, by name: what blackbox.yml must ship. */
    public static Map<String, HttpModule> httpModules() {
        return HTTP_MODULES;
    }

    private static Map<String, HttpModule> buildHttpModules() {
        Map<String, HttpModule> modules = new LinkedHashMap<>();
        for (ExpectedStatus status : ExpectedStatus.values()) {
            for (boolean keyword : new boolean[] {false, true}) {
                for (boolean insecure : new boolean[] {false, true}) {
                    String name = httpName(status, keyword, insecure);
                    modules.put(name, new HttpModule(name, status, keyword, insecure));
                }
            }
        }
        return Collections.unmodifiableMap(modules);
    }

    /** Every module Infradash may write. */
    public static List<String> all() {
        List<String> all = new ArrayList<>(httpModules().keySet());
        all.addAll(List.of(TCP, ICMP, DNS));
        return all;
    }

    /** http_2xx, http_2xx_3xx_insecure, http_keyword, http_keyword_2xx_4xx, ... */
    private static String httpName(ExpectedStatus status, boolean keyword, boolean insecure) {
        String base = keyword
                ? "http_keyword" + status.moduleSuffix()
                : status == ExpectedStatus.SUCCESS ? HTTP : "http" + status.moduleSuffix();
        return insecure ? base + "_insecure" : base;
    }

    static String moduleOf(ServiceCheck check) {
        if (check.kind() == null) {
            return HTTP;
        }
        return switch (check.kind()) {
            case HTTP -> {
                boolean keyword = check.keyword() != null && !check.keyword().isEmpty();
                yield httpName(check.expectStatus(), keyword, check.acceptSelfSigned());
            }
            case TCP -> TCP;
            case ICMP -> ICMP;
            case DNS -> DNS;
        };
    }

    /** Whether a module (as read back from the file) accepts self-signed certificates. */
    static boolean insecure(String module) {
        HttpModule http = HTTP_MODULES.get(module);
        return http != null && http.insecure();
    }

    /** The status codes a module (as read back from the file) accepts; 2xx for any but http modules. */
    static ExpectedStatus expectedStatus(String module) {
        HttpModule http = HTTP_MODULES.get(module);
        return http == null ? ExpectedStatus.SUCCESS : http.status();
    }

    /** The kind a module probes, to check a hand-edited file's module against its service_kind. */
    static Optional<ServiceKind> kindOf(String module) {
        if (HTTP_MODULES.containsKey(module)) {
            return Optional.of(ServiceKind.HTTP);
        }
        return switch (module) {
            case TCP -> Optional.of(ServiceKind.TCP);
            case ICMP -> Optional.of(ServiceKind.ICMP);
            case DNS -> Optional.of(ServiceKind.DNS);
            default -> Optional.empty();
        };
    }
}
