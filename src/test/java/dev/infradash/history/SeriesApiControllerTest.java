package dev.infradash.history;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.infradash.fleet.CollectorProperties;
import dev.infradash.fleet.FleetSnapshotPublisher;
import dev.infradash.fleet.TestSnapshots;
import dev.infradash.prometheus.PrometheusConfiguration;
import dev.infradash.prometheus.PrometheusProperties;
import dev.infradash.targets.TargetRegistry;
import dev.infradash.targets.TargetsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The series API's parameter checks in a web slice, without Prometheus: every bad parameter is a
 * 400 whose detail names it, and an unknown server is a 404. The checks run before any query, so
 * the Prometheus behind the real ServerHistory is a closed port that is never asked.
 */
// the API's CORS set-up is the security slice's (ApiCorsTest); its properties are not ours to bind
@WebMvcTest(
        controllers = SeriesApiController.class,
        excludeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = "dev\\.infradash\\.security\\.ApiCorsConfiguration"))
@Import({
    ServerHistory.class,
    ServiceHistory.class,
    ChartQueries.class,
    FleetSnapshotPublisher.class,
    TargetRegistry.class,
    PrometheusConfiguration.class,
    SeriesApiControllerTest.Beans.class
})
@TestPropertySource(
        properties = {
            "infradash.prometheus.url=http://127.0.0.1:9",
            "infradash.targets.file=target/series-api-test/targets.json"
        })
@WithMockUser // security is on in the slice too; who may call the API is HttpAccessTest's business
class SeriesApiControllerTest {

    /** Any window does: the checks look at its shape, never at data. */
    private static final long TO = Instant.parse("2026-11-27T12:00:00Z").getEpochSecond();

    private static final long FROM = TO - 120;

    /** What the app's scans would bring, which a web slice leaves out. */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties({CollectorProperties.class, PrometheusProperties.class, TargetsProperties.class})
    static class Beans {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    FleetSnapshotPublisher snapshots;

    @BeforeEach
    void webOneIsKnown() {
        TestSnapshots.publish(
                snapshots,
                TestSnapshots.fleet()
                        .servers(TestSnapshots.server("web-1").build())
                        .build());
    }

    @ParameterizedTest(name = "?{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                   | 'metric' is required
            metric=banana                        | 'metric' must be one of
            metric=cpu&range=banana              | 'range' must be one of 15m, 1h, 6h, 24h, 7d
            metric=cpu&from=FROM                 | 'to' is required
            metric=cpu&from=TO&to=FROM           | 'to' must be after 'from'
            metric=cpu&from=yesterday&to=TO      | 'from' must be epoch seconds or ISO-8601
            metric=cpu&range=1h&from=FROM&to=TO  | not both
            metric=cpu&range=7d&step=1s          | more than 10000 points
            metric=cpu&step=0                    | at least 1s
            metric=cpu&step=soon                 | 'step' must be seconds
            metric=cpu&from=FROM&to=99999999999999999                     | 'to' must be between
            metric=cpu&from=-1000000000-01-01T00:00:00Z&to=TO             | 'from' must be between
            metric=cpu&from=FROM&to=+1000000000-12-31T23:59:59Z           | 'to' must be between
            metric=cpu&from=0&to=TO                                       | at most 400 days apart
            metric=cpu&step=9223372036854775807                           | 'step' must be at most
            metric=cpu&step=99999999h                                     | 'step' must be at most
            metric=cpu&step=99999999999999999999999                       | 'step' must be seconds
            """)
    void aBadParameterIs400NamingIt(String query, String detail) throws Exception {
        String path = "/api/servers/web-1/series?"
                + query.replace("FROM", Long.toString(FROM))
                        .replace("TO", Long.toString(TO))
                        .replace("+", "%2B");
        mvc.perform(get(java.net.URI.create(path)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString(detail)));
    }

    @Test
    void anUnknownServerIs404() throws Exception {
        mvc.perform(get("/api/servers/nope/series?metric=cpu"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail", containsString("No server with id 'nope'")));
    }

    @Test
    void aServiceMetricNeedsOneOfTheServersChecks() throws Exception {
        TestSnapshots.publish(
                snapshots,
                TestSnapshots.fleet()
                        .servers(TestSnapshots.server("web-1")
                                .services(new dev.infradash.fleet.ServiceState(
                                        "qdrant", "http", "http://10.0.0.7:6333/", true, 3.0, 200, 100.0, null, null))
                                .build())
                        .build());
        mvc.perform(get("/api/servers/web-1/series?metric=service_latency"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("'service' is required with metric service_latency")))
                .andExpect(jsonPath("$.detail", containsString("qdrant")));
        mvc.perform(get("/api/servers/web-1/series?metric=service_latency&service=ssh"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail", containsString("no check 'ssh'; its checks: qdrant")));
        mvc.perform(get("/api/servers/web-1/series?metric=banana"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("service_latency, service_up (with service=")));
    }
}
