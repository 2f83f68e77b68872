package dev.infradash.targets;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What Prometheus can scrape as a host: a DNS name, a dotted IPv4 address or a bracketed IPv6
 * address. Nothing here resolves a name.
 */
final class HostRules {

    private HostRules() {}

    /** Why {@code host} is not usable, or null. {@code host} is non-null and not too long. */
    static @Nullable String problem(String host) {
        if (host.isEmpty()) {
            return "is required";
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c > 0x7e) {
                // Look-alikes (Cyrillic 'а' for Latin 'a') would scrape a different host than the user reads.
                return "must be plain ASCII (non-ASCII " + TextRules.codePoint(host.codePointAt(i)) + " at position "
                        + (i + 1) + "); write internationalised names in their xn-- form";
            }
            if (c <= 0x20 || c == 0x7f) {
                return "must not contain spaces or control characters (position " + (i + 1) + ")";
            }
        }
        if (host.startsWith("[") || host.endsWith("]")) {
            return ipv6Problem(host);
        }
        if (host.indexOf(':') >= 0) {
            return "must not contain ':' (give the port in its own field; write an IPv6 address in brackets, e.g. [::1])";
        }
        String[] labels = host.split("\\.", -1);
        // A name whose last label is all digits is no DNS name (no top-level domain is numeric):
        // the user meant an IPv4 address, so tell them what is wrong with it.
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit) && !labels[labels.length - 1].isEmpty()) {
            return ipv4Problem(labels);
        }
        return dnsProblem(labels);
    }

    /** A lower-case, canonical form, so that [::1] and [0:0::1] or Host and host count as the same exporter. */
    static String canonical(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            try {
                return "[" + InetAddress.getByName(host).getHostAddress() + "]";
            } catch (UnknownHostException e) {
                return host;
            }
        }
        return host.toLowerCase(Locale.ROOT);
    }

    /**
     * Leading zeros are refused: Prometheus (Go) does not read "010.0.0.1" as an address at all, and
     * other tools read it as octal, so it never means what the user typed.
     */
    private static @Nullable String ipv4Problem(String[] octets) {
        if (octets.length != 4) {
            return "is not a valid IPv4 address: it needs four numbers 0-255 separated by dots, e.g. 10.0.0.5";
        }
        for (String octet : octets) {
            if (octet.isEmpty() || !octet.chars().allMatch(Character::isDigit)) {
                return "is not a valid IPv4 address: each of the four parts must be a number 0-255";
            }
            if (octet.length() > 3 || Integer.parseInt(octet) > 255) {
                return "is not a valid IPv4 address: " + (octet.length() > 3 ? "a part" : octet)
                        + " is greater than 255";
            }
            if (octet.length() > 1 && octet.charAt(0) == '0') {
                return "is not a valid IPv4 address: leading zeros are not allowed (" + octet + ")";
            }
        }
        return null;
    }

    /** RFC 1123 host name: labels of 1-63 letters, digits and hyphens, not starting or ending with a hyphen. */
    private static @Nullable String dnsProblem(String[] labels) {
        for (String label : labels) {
            if (label.isEmpty()) {
                return "is not a valid host name: it has an empty label (a leading, trailing or double dot)";
            }
            if (label.length() > 63) {
                return "is not a valid host name: a label is " + label.length()
                        + " characters long; at most 63 allowed";
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                    return "is not a valid host name: only letters, digits, '-' and '.' are allowed, not '" + c + "'";
                }
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return "is not a valid host name: a label must not start or end with '-'";
            }
        }
        return null;
    }

    private static @Nullable String ipv6Problem(String host) {
        if (!host.startsWith("[") || !host.endsWith("]") || host.length() < 3) {
            return "is not a valid IPv6 address: it must be enclosed in brackets, e.g. [::1]";
        }
        String inner = host.substring(1, host.length() - 1);
        // Only hex digits, colons and dots (for ::ffff:1.2.3.4) reach the parser, so it can never
        // fall back to a DNS lookup; zone ids (%eth0) are refused on purpose.
        if (inner.indexOf(':') < 0
                || !inner.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return "is not a valid IPv6 address";
        }
        try {
            InetAddress.getByName(host);
            return null;
        } catch (UnknownHostException e) {
            return "is not a valid IPv6 address";
        }
    }
}
