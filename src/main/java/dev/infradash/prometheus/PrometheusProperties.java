package dev.infradash.prometheus;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach Prometheus. {@code url} may carry a path prefix (a reverse proxy such as
 * {@code http://proxy/prom}); a trailing slash does not matter.
 */
@ConfigurationProperties("infradash.prometheus")
@Validated
public record PrometheusProperties(
        @NotNull @DefaultValue("http://127.0.0.1:9090") URI url,
        @NotNull @DefaultValue("2s") Duration connectTimeout,
        @NotNull @DefaultValue("10s") Duration readTimeout,
        @NotNull @DefaultValue("15s") Duration callTimeout,
        @Nullable String username,
        @Nullable String password,
        @Nullable String bearerToken,
        @DefaultValue Map<String, String> headers,
        @Min(0) @Max(10) @DefaultValue("2") int maxRetries,
        @NotNull @DefaultValue("200ms") Duration retryBackoff,
        @NotNull @DefaultValue("8MB") DataSize maxResponseSize) {

    public PrometheusProperties {
        // An empty environment variable (INFRADASH_PROMETHEUS_BEARER_TOKEN=) means "not set".
        username = blankToNull(username);
        password = blankToNull(password);
        bearerToken = blankToNull(bearerToken);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** Defaults everywhere except the URL: handy for tests and local tools. */
    public static PrometheusProperties of(URI url) {
        return new PrometheusProperties(
                url,
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(15),
                null,
                null,
                null,
                Map.of(),
                2,
                Duration.ofMillis(200),
                DataSize.ofMegabytes(8));
    }

    // User info is rejected because the URL appears in every error message and log line.
    @AssertTrue(
            message = "infradash.prometheus.url must be an absolute http:// or https:// URL "
                    + "with a host and without user info, query or fragment")
    public boolean isHttpUrl() {
        return url == null
                || ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
                        && url.getHost() != null
                        && url.getRawUserInfo() == null
                        && url.getRawQuery() == null
                        && url.getRawFragment() == null;
    }

    @AssertTrue(message = "infradash.prometheus.connect-timeout, read-timeout and call-timeout must be positive")
    public boolean isTimeoutsPositive() {
        return positive(connectTimeout) && positive(readTimeout) && positive(callTimeout);
    }

    @AssertTrue(message = "infradash.prometheus.retry-backoff must not be negative")
    public boolean isRetryBackoffValid() {
        return retryBackoff == null || !retryBackoff.isNegative();
    }

    @AssertTrue(message = "infradash.prometheus.max-response-size must be positive")
    public boolean isMaxResponseSizeValid() {
        return maxResponseSize == null || maxResponseSize.toBytes() > 0;
    }

    @AssertTrue(message = "infradash.prometheus: set either username/password (basic auth) or bearer-token, not both")
    public boolean isSingleAuthMethod() {
        return bearerToken == null || (username == null && password == null);
    }

    /** Keeps the password and token out of logs and failure analyses. */
    @Override
    public String toString() {
        return "PrometheusProperties[url=" + url + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", callTimeout=" + callTimeout
                + ", username=" + username + ", password=" + mask(password)
                + ", bearerToken=" + mask(bearerToken) + ", headers=" + headers.keySet()
                + ", maxRetries=" + maxRetries + ", retryBackoff=" + retryBackoff
                + ", maxResponseSize=" + maxResponseSize + "]";
    }

    private static boolean positive(Duration d) {
        return d == null || (!d.isNegative() && !d.isZero());
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static @Nullable String mask(@Nullable String secret) {
        return secret == null ? null : "******";
    }
}
