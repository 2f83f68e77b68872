package dev.infradash.security;

import java.util.regex.Pattern;

/** An IPv4 or IPv6 address written out, never a host name: checking one must not cost a DNS lookup. */
final class IpLiteral {

    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpLiteral() {}

    static boolean isLiteral(String text) {
        if (text == null) {
            return false;
        }
        if (IPV4.matcher(text).matches()) {
            return true;
        }
        if (!text.contains(":") || !IPV6.matcher(text).matches()) {
            return false;
        }
        try {
            // with a colon in it, the JDK parses an IPv6 literal and never asks DNS
            java.net.InetAddress.getByName(text);
            return true;
        } catch (java.net.UnknownHostException invalid) {
            return false;
        }
    }
}
