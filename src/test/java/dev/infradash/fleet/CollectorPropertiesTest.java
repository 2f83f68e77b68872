package dev.infradash.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

/** How {@code infradash.*} binds at start-up: its defaults, and refusing a refresh interval that cannot work. */
class CollectorPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CollectorProperties.class)
    static class Config {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Config.class);

    @Test
    void defaultsBindWithoutAnyProperty() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            CollectorProperties properties = context.getBean(CollectorProperties.class);
            assertThat(properties.refreshInterval()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.rateWindow()).isEqualTo(Duration.ofMinutes(1));
            assertThat(properties.diskDeviceExclude()).isNotBlank();
            assertThat(properties.networkDeviceExclude()).isNotBlank();
            assertThat(properties.filesystemTypeExclude()).isNotBlank();
        });
    }

    @Test
    void aValidRefreshIntervalBinds() {
        runner.withPropertyValues("infradash.refresh-interval=2s", "infradash.rate-window=90s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    CollectorProperties properties = context.getBean(CollectorProperties.class);
                    assertThat(properties.refreshInterval()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(properties.rateWindow()).isEqualTo(Duration.ofSeconds(90));
                });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0s     | must be longer than or equal to 500 millis",
                "100ms  | must be longer than or equal to 500 millis",
                "-5s    | must be longer than or equal to 500 millis",
                "2h     | must be shorter than or equal to 1 hour",
                "banana | 'banana' is not a valid duration"
            })
    void anUnusableRefreshIntervalFailsStartUpNamingTheProperty(String value, String reason) {
        runner.withPropertyValues("infradash.refresh-interval=" + value).run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure()))
                    .contains("infradash.refresh-interval")
                    .contains(reason);
        });
    }

    /** The cards' forecast trend: 6 h at 5 minutes by default, a 72nd of any other window, refused beyond a week. */
    @Test
    void theForecastWindowIsSampledAtASeventySecondOfItAndBounded() {
        runner.run(context -> {
            CollectorProperties properties = context.getBean(CollectorProperties.class);
            assertThat(properties.forecastWindow()).isEqualTo(Duration.ofHours(6));
            assertThat(properties.forecastRange()).isEqualTo("21600s:300s");
            assertThat(new FleetQueries(properties).promql(FleetQuery.FS_FULL_IN))
                    .contains("[21600s:300s]");
        });
        runner.withPropertyValues("infradash.forecast-window=1m")
                .run(context -> assertThat(
                                context.getBean(CollectorProperties.class).forecastRange())
                        .as("never finer than a second")
                        .isEqualTo("60s:1s"));
        runner.withPropertyValues("infradash.forecast-window=8d").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("infradash.forecast-window");
        });
    }

    /** Every message of the cause chain: what a start-up failure report shows. */
    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        all.append(NestedExceptionUtils.getMostSpecificCause(failure).getMessage());
        return all.toString();
    }
}
