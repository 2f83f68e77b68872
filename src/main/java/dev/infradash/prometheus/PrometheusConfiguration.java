package dev.infradash.prometheus;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PrometheusProperties.class)
public class PrometheusConfiguration {

    /** close() on shutdown frees the connection pool and OkHttp's dispatcher threads. */
    @Bean(destroyMethod = "close")
    PrometheusClient prometheusClient(PrometheusProperties properties, MeterRegistry meters) {
        return new PrometheusClient(properties, meters);
    }
}
