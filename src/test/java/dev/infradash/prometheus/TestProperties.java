package dev.infradash.prometheus;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.util.unit.DataSize;

/** Mutable builder for tests only: the record has eleven components. */
final class TestProperties {
    URI url;
    Duration connectTimeout = Duration.ofMillis(500);
    Duration readTimeout = Duration.ofMillis(500);
    Duration callTimeout = Duration.ofSeconds(3);
    String username;
    String password;
    String bearerToken;
    Map<String, String> headers = Map.of();
    int maxRetries = 2;
    Duration retryBackoff = Duration.ofMillis(200);
    DataSize maxResponseSize = DataSize.ofMegabytes(8);

    TestProperties(String url) {
        this.url = URI.create(url);
    }

    PrometheusProperties build() {
        return new PrometheusProperties(
                url,
                connectTimeout,
                readTimeout,
                callTimeout,
                username,
                password,
                bearerToken,
                headers,
                maxRetries,
                retryBackoff,
                maxResponseSize);
    }
}
