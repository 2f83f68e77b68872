package dev.infradash.alerting;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The files Infradash writes for alerting, and how Alertmanager reaches Infradash. Channel and
 * rule definitions themselves live in the data directory ({@code infradash.data.dir}).
 *
 * @param alertmanagerConfigFile Alertmanager's configuration file, which Infradash owns and
 *                               rewrites atomically (Alertmanager reads it on {@code /-/reload})
 * @param ruleFile               Infradash's own Prometheus rule file, in a directory Prometheus'
 *                               {@code rule_files} loads, next to the shipped rules
 * @param appUrlForAlertmanager  the URL at which Alertmanager reaches this app, for channels
 *                               Infradash relays itself (ntfy, Gotify: Alertmanager 0.25 has no
 *                               receiver for them)
 * @param historyCache           how long one read of the alert history serves every viewer and
 *                               API caller before Prometheus is asked again
 */
@ConfigurationProperties("infradash.alerting")
@Validated
public record AlertingProperties(
        @NotNull @DefaultValue("alertmanager/alertmanager.yml")
        Path alertmanagerConfigFile,

        @NotNull @DefaultValue("prometheus/rules/infradash-managed.yml")
        Path ruleFile,

        @NotNull @DefaultValue("http://127.0.0.1:8080") URI appUrlForAlertmanager,

        @NotNull @DefaultValue("30s") Duration historyCache) {}
