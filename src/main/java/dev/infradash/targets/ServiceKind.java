package dev.infradash.targets;

import java.util.Locale;
import java.util.Optional;

/**
 * What a service check probes, through blackbox_exporter; stored as the {@code service_kind}
 * label, which lands on every probe series (the alert rules and the card read it).
 */
public enum ServiceKind {
    /** an http:// or https:// URL answers with a 2xx status (and, optionally, a keyword in its body) */
    HTTP,
    /** a TCP connection to host:port opens */
    TCP,
    /** the host answers ping; blackbox_exporter needs CAP_NET_RAW for it */
    ICMP,
    /** a DNS resolver at host:port answers a query */
    DNS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ServiceKind> fromLabel(String label) {
        for (ServiceKind kind : values()) {
            if (kind.label().equals(label)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
