package dev.infradash.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The Alertmanager timings bind, default to production's and refuse what Alertmanager should never get. */
class AlertingPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AlertingProperties.class)
    static class Bound {}

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void theDefaultsAreProductionsTenSecondsOneMinuteFourHours() {
        context.run(ctx -> assertThat(ctx.getBean(AlertingProperties.class).groupTimings())
                .isEqualTo(new GroupTimings(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofHours(4)))
                .isEqualTo(AlertingDefaults.timings()));
    }

    @Test
    void configuredTimingsBind() {
        context.withPropertyValues(
                        "infradash.alerting.group-wait=1s",
                        "infradash.alerting.group-interval=2s",
                        "infradash.alerting.repeat-interval=1h")
                .run(ctx -> assertThat(ctx.getBean(AlertingProperties.class).groupTimings())
                        .isEqualTo(
                                new GroupTimings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofHours(1))));
    }

    @Test
    void zeroNegativeFractionalOrHugeTimingsFailTheStartNamingTheProperty() {
        String[][] refused = {
            {"infradash.alerting.group-wait=0s", "group-wait"},
            {"infradash.alerting.group-wait=-5s", "group-wait"},
            {"infradash.alerting.group-wait=1500ms", "group-wait"},
            {"infradash.alerting.group-wait=2h", "group-wait"},
            {"infradash.alerting.group-interval=0s", "group-interval"},
            {"infradash.alerting.group-interval=2d", "group-interval"},
            {"infradash.alerting.repeat-interval=31d", "repeat-interval"},
        };
        for (String[] c : refused) {
            context.withPropertyValues(c[0])
                    .run(ctx -> assertThat(ctx)
                            .as(c[0])
                            .hasFailed()
                            .getFailure()
                            .rootCause()
                            .hasMessageContaining("infradash.alerting." + c[1]));
        }
    }

    @Test
    void aRepeatShorterThanTheGroupIntervalIsRefused() {
        context.withPropertyValues("infradash.alerting.group-interval=10m", "infradash.alerting.repeat-interval=5m")
                .run(ctx -> assertThat(ctx)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("not shorter than group-interval"));
        context.withPropertyValues("infradash.alerting.group-interval=10m", "infradash.alerting.repeat-interval=10m")
                .run(ctx -> assertThat(ctx).hasNotFailed());
    }
}
