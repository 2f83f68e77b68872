package dev.infradash.prometheus;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PrometheusProperties.class, AlertmanagerProperties.class})
public class PrometheusConfiguration {

    /**
     * close() on shutdown frees the connection pool and OkHttp's dispatcher threads. Without a
     * meter registry (no actuator in the context) the requests go unmeasured.
     */
    @Bean(destroyMethod = "close")
    PrometheusClient prometheusClient(PrometheusProperties properties, ObjectProvider<MeterRegistry> meters) {
        return new PrometheusClient(properties, meters.getIfAvailable(CompositeMeterRegistry::new));
    }

    /** Alertmanager's API: silences, its view of the alerts, configuration reloads, test sends. */
    @Bean(destroyMethod = "close")
    AlertmanagerClient alertmanagerClient(AlertmanagerProperties properties) {
        return new AlertmanagerClient(properties);
    }
}
