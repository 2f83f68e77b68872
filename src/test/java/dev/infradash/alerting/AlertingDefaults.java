package dev.infradash.alerting;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code infradash.alerting.*} as Spring Boot binds it when nothing is set: the production
 * defaults from the {@code @DefaultValue}s themselves, so a test that pins them reads what ships.
 */
final class AlertingDefaults {

    private AlertingDefaults() {}

    static AlertingProperties properties() {
        return new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("infradash.alerting", AlertingProperties.class);
    }

    static GroupTimings timings() {
        return properties().groupTimings();
    }
}
