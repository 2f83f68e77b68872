package dev.infradash.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The reverse proxies whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed
 * ({@code INFRADASH_TRUSTED_PROXIES}: addresses or CIDRs, comma-separated; none by default). A
 * header from anybody else is ignored: otherwise a client picks its own address per request and
 * walks around the login lockout and the rate limits, and the audit log records a forged address.
 */
final class TrustedProxies {

    private final List<IpAddressMatcher> proxies;

    private TrustedProxies(List<IpAddressMatcher> proxies) {
        this.proxies = List.copyOf(proxies);
    }

    /** @throws IllegalArgumentException naming the entry that is no IP address or CIDR */
    static TrustedProxies parse(List<String> entries) {
        List<IpAddressMatcher> matchers = new ArrayList<>();
        for (String entry : entries) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!IpLiteral.isLiteral(trimmed.contains("/") ? trimmed.substring(0, trimmed.indexOf('/')) : trimmed)) {
                throw new IllegalArgumentException("'" + trimmed + "' is not an IP address or CIDR (no host names)");
            }
            matchers.add(new IpAddressMatcher(trimmed));
        }
        return new TrustedProxies(matchers);
    }

    boolean isEmpty() {
        return proxies.isEmpty();
    }

    boolean trusts(String address) {
        return IpLiteral.isLiteral(address) && proxies.stream().anyMatch(proxy -> proxy.matches(address));
    }

    /**
     * The client behind a chain of proxies: the right-most {@code X-Forwarded-For} entry that is
     * not itself a trusted proxy (entries left of it were written by the client and prove nothing).
     *
     * @param peer the TCP peer, already known to be a trusted proxy
     */
    String client(String peer, String forwardedFor) {
        String[] hops = forwardedFor.split(",");
        String client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!IpLiteral.isLiteral(hop)) {
                break; // garbage from the client side: the last good hop stands
            }
            client = hop;
            if (!trusts(hop)) {
                break;
            }
        }
        return client;
    }
}
