package dev.infradash.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs before security: a request that came through a trusted proxy gets the client's address
 * (and scheme) from the proxy's headers, so the lockout, the rate limits and the audit log see the
 * real client. Requests from anybody else keep their TCP peer, whatever headers they carry.
 */
class TrustedProxyFilter extends OncePerRequestFilter {

    private final TrustedProxies proxies;

    TrustedProxyFilter(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String forwardedFor = request.getHeader("X-Forwarded-For");
        if (forwardedFor == null || !proxies.trusts(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        String client = proxies.client(request.getRemoteAddr(), forwardedFor);
        String proto = request.getHeader("X-Forwarded-Proto");
        boolean https = proto == null ? request.isSecure() : proto.trim().equalsIgnoreCase("https");
        chain.doFilter(new Forwarded(request, client, https), response);
    }

    private static final class Forwarded extends HttpServletRequestWrapper {

        private final String client;
        private final boolean https;

        Forwarded(HttpServletRequest request, String client, boolean https) {
            super(request);
            this.client = client;
            this.https = https;
        }

        @Override
        public String getRemoteAddr() {
            return client;
        }

        @Override
        public String getRemoteHost() {
            return client;
        }

        @Override
        public boolean isSecure() {
            return https;
        }

        @Override
        public String getScheme() {
            return https ? "https" : "http";
        }

        @Override
        public int getServerPort() {
            String port = getHeader("X-Forwarded-Port");
            if (port != null && port.trim().matches("\\d{1,5}")) {
                return Integer.parseInt(port.trim());
            }
            return https == super.isSecure() ? super.getServerPort() : https ? 443 : 80;
        }
    }
}
