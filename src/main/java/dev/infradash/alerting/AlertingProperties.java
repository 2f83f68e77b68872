package dev.infradash.alerting;

import jakarta.validation.constraints.AssertTrue;
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
 * @param groupWait              Alertmanager's {@code group_wait}: a new group (one server, one
 *                               alert) waits this long for more alerts before its first message,
 *                               so one outage that fires several rules is one message; 10 s keeps
 *                               "down" reported within about a minute (scrape + evaluation + the
 *                               rule's {@code for} + 10 s)
 * @param groupInterval          Alertmanager's {@code group_interval}: the shortest gap between two
 *                               messages of one group, so a flapping server sends at most one a
 *                               minute, and a resolved message follows the recovery within one
 * @param repeatInterval         Alertmanager's {@code repeat_interval}: what still fires is
 *                               reminded of this often, not paged all night; at least
 *                               {@code group-interval}
 */
@ConfigurationProperties("infradash.alerting")
@Validated
public record AlertingProperties(
        @NotNull @DefaultValue("alertmanager/alertmanager.yml")
        Path alertmanagerConfigFile,

        @NotNull @DefaultValue("prometheus/rules/infradash-managed.yml")
        Path ruleFile,

        @NotNull @DefaultValue("http://127.0.0.1:8080") URI appUrlForAlertmanager,

        @NotNull @DefaultValue("30s") Duration historyCache,

        // the production values; tests that follow a whole alert through Alertmanager set seconds
        @NotNull @DefaultValue("10s") Duration groupWait,
        @NotNull @DefaultValue("1m") Duration groupInterval,
        @NotNull @DefaultValue("4h") Duration repeatInterval) {

    static final Duration MAX_GROUP_WAIT = Duration.ofHours(1);
    static final Duration MAX_GROUP_INTERVAL = Duration.ofDays(1);
    static final Duration MAX_REPEAT_INTERVAL = Duration.ofDays(30);

    /** The timings Infradash writes into Alertmanager's root route. */
    GroupTimings groupTimings() {
        return new GroupTimings(groupWait, groupInterval, repeatInterval);
    }

    @AssertTrue(message = "infradash.alerting.group-wait must be whole seconds from 1s to 1h")
    public boolean isGroupWaitValid() {
        return wholeSecondsWithin(groupWait, MAX_GROUP_WAIT);
    }

    @AssertTrue(message = "infradash.alerting.group-interval must be whole seconds from 1s to 1d")
    public boolean isGroupIntervalValid() {
        return wholeSecondsWithin(groupInterval, MAX_GROUP_INTERVAL);
    }

    @AssertTrue(
            message = "infradash.alerting.repeat-interval must be whole seconds from 1s to 30d and not shorter"
                    + " than group-interval")
    public boolean isRepeatIntervalValid() {
        return wholeSecondsWithin(repeatInterval, MAX_REPEAT_INTERVAL)
                && (groupInterval == null || repeatInterval.compareTo(groupInterval) >= 0);
    }

    /**
     * Alertmanager reads durations such as {@code 1m30s}: whole seconds render exactly; null is
     * left to {@code @NotNull}, which names the property.
     */
    private static boolean wholeSecondsWithin(Duration value, Duration max) {
        if (value == null) return true;
        return value.getNano() == 0 && value.compareTo(Duration.ofSeconds(1)) >= 0 && value.compareTo(max) <= 0;
    }
}
