package dev.infradash.prometheus;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach Alertmanager's API ({@code INFRADASH_ALERTMANAGER_URL}). The default is where
 * {@code scripts/run-local.sh} starts it; docker compose sets {@code http://alertmanager:9093}.
 */
@ConfigurationProperties("infradash.alertmanager")
@Validated
public record AlertmanagerProperties(
        @NotNull @DefaultValue("http://127.0.0.1:19093") URI url,
        @NotNull @DefaultValue("2s") Duration connectTimeout,
        @NotNull @DefaultValue("10s") Duration readTimeout) {

    public static AlertmanagerProperties of(URI url) {
        return new AlertmanagerProperties(url, Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    @AssertTrue(message = "infradash.alertmanager.url must be an http or https URL")
    public boolean isHttpUrl() {
        return url.getHost() != null && ("http".equals(url.getScheme()) || "https".equals(url.getScheme()));
    }

    @AssertTrue(message = "infradash.alertmanager.connect-timeout and read-timeout must be positive")
    public boolean isTimeoutsPositive() {
        return !connectTimeout.isNegative()
                && !connectTimeout.isZero()
                && !readTimeout.isNegative()
                && !readTimeout.isZero();
    }
}
