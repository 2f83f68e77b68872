package dev.infradash.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets the configured origins read the read-only API; with none configured, no CORS headers at all. */
@Configuration(proxyBeanMethods = false)
class ApiCorsConfiguration implements WebMvcConfigurer {

    private final ApiProperties properties;

    ApiCorsConfiguration(ApiProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (!properties.corsAllowedOrigins().isEmpty()) {
            registry.addMapping("/api/**")
                    .allowedOrigins(properties.corsAllowedOrigins().toArray(String[]::new))
                    .allowedMethods("GET", "HEAD", "OPTIONS");
        }
    }
}
