package dev.infradash.targets;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The HTTP status codes an http check counts as up. blackbox_exporter 0.23 sets accepted codes
 * per module, not per probe, so each choice is a shipped module of {@code prometheus/blackbox.yml}
 * (see {@link ServiceModules}); a small fixed set keeps that file short and unchanging.
 */
public enum ExpectedStatus {
    /** 200-299, redirects followed (the final answer counts): blackbox_exporter's own default. */
    SUCCESS("2xx", "", 200, 299, "2xx (redirects followed)"),
    /** 200-399, redirects not followed: a redirect to a login page counts as up. */
    SUCCESS_OR_REDIRECT("2xx-3xx", "_2xx_3xx", 200, 399, "2xx or 3xx (a redirect counts as up)"),
    /** 200-499, redirects not followed: any answer but a server error (401/403 of a protected endpoint). */
    BELOW_500("2xx-4xx", "_2xx_4xx", 200, 499, "any answer below 500 (e.g. 401 of a login-protected endpoint)");

    private final String label;
    private final String moduleSuffix;
    private final int lowest;
    private final int highest;
    private final String description;

    ExpectedStatus(String label, String moduleSuffix, int lowest, int highest, String description) {
        this.label = label;
        this.moduleSuffix = moduleSuffix;
        this.lowest = lowest;
        this.highest = highest;
        this.description = description;
    }

    /** What the REST API and the series carry: {@code 2xx}, {@code 2xx-3xx}, {@code 2xx-4xx}. */
    public String label() {
        return label;
    }

    /** The choice in words, for the Settings form and the detail view. */
    public String description() {
        return description;
    }

    /** The lowest accepted code. */
    public int lowest() {
        return lowest;
    }

    /** The highest accepted code. */
    public int highest() {
        return highest;
    }

    /** Whether blackbox_exporter follows redirects: only for 2xx, where a 3xx itself is no success. */
    public boolean followsRedirects() {
        return this == SUCCESS;
    }

    String moduleSuffix() {
        return moduleSuffix;
    }

    public static Optional<ExpectedStatus> fromLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
    }

    /** "2xx, 2xx-3xx or 2xx-4xx", for messages. */
    static String choices() {
        String all = Arrays.stream(values()).map(ExpectedStatus::label).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return all.substring(0, last) + " or " + all.substring(last + 2);
    }
}
