package dev.infradash.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param corsAllowedOrigins origins whose browser scripts may read /api/** (env
 *                           {@code INFRADASH_API_CORS_ALLOWED_ORIGINS}, comma-separated); none by default
 */
@ConfigurationProperties("infradash.api")
record ApiProperties(List<String> corsAllowedOrigins) {

    ApiProperties {
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
    }
}
