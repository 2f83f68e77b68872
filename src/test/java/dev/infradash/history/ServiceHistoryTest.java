package dev.infradash.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infradash.fleet.CollectorProperties;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusProperties;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The PromQL of a check's history and how the uptime query's parts become uptimes (issue 14). */
class ServiceHistoryTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private static ServiceHistory history() {
        CollectorProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("infradash", CollectorProperties.class);
        PrometheusClient client = new PrometheusClient(PrometheusProperties.of(URI.create("http://127.0.0.1:9")));
        return new ServiceHistory(client, properties, null, Clock.systemUTC());
    }

    private static UptimeQuery uptime() {
        return new UptimeQuery(
                new PrometheusClient(PrometheusProperties.of(URI.create("http://127.0.0.1:9"))),
                new Binder(new MapConfigurationPropertySource(Map.of()))
                        .bindOrCreate("infradash", CollectorProperties.class)
                        .scrapeInterval());
    }

    @Test
    void eachPointAveragesItsStepSoNoOutageFallsBetweenTwoPoints() {
        assertThat(ServiceHistory.promql(ServiceHistory.Metric.SERVICE_UP, "web-1", "qdrant", Duration.ofMinutes(10)))
                .isEqualTo(
                        "max by (service) (avg_over_time(probe_success{server=\"web-1\",service=\"qdrant\"}[600s]))");
        assertThat(ServiceHistory.promql(ServiceHistory.Metric.SERVICE_LATENCY, "web-1", null, Duration.ofSeconds(30)))
                .isEqualTo("1000 * max by (service) (avg_over_time(probe_duration_seconds"
                        + "{server=\"web-1\",service!=\"\"}[30s]))");
        ServiceHistory history = history();
        assertThat(history.range(Duration.ofSeconds(15)))
                .as("two scrapes at least")
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(history.range(Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theUptimeQueryAsksEveryWindowAndTheFirstProbeHeldInIt() {
        String promql = uptime().promql("web-1");
        assertThat(promql)
                .as("a check minutes old: the last quarter hour at the scrape interval")
                .contains("min_over_time(timestamp(probe_success{server=\"web-1\",service!=\"\"})[900s:15s])")
                .contains("avg_over_time(probe_success{server=\"web-1\",service!=\"\"}[86400s])")
                .contains("min_over_time(timestamp(probe_success{server=\"web-1\",service!=\"\"})[2592000s:3600s])")
                .contains("\"part\", \"uptime_604800\"", "\"part\", \"first_604800\"");
    }

    @Test
    void aCheckYoungerThanTheWindowIsSaidToCoverOnlyItsData() {
        double threeDaysAgo = NOW.minus(Duration.ofDays(3)).getEpochSecond();
        Map<String, Double> parts = Map.of(
                "uptime_86400",
                99.5,
                "uptime_604800",
                99.2,
                "uptime_2592000",
                99.2,
                "first_900",
                (double) NOW.minusSeconds(900).getEpochSecond(),
                "first_86400",
                (double) NOW.minus(Duration.ofHours(24)).plusSeconds(100).getEpochSecond(),
                "first_604800",
                threeDaysAgo,
                "first_2592000",
                threeDaysAgo + 1800);
        List<Uptime> uptimes = uptime().uptimes(parts, NOW);
        assertThat(uptimes.get(0).complete())
                .as("a first probe within the subquery's step of the window's start covers it")
                .isTrue();
        assertThat(uptimes.get(1).complete()).isFalse();
        assertThat(uptimes.get(1).held()).as("the 7 d search is the finer one").isEqualTo(Duration.ofDays(3));
        assertThat(uptimes.get(2).text()).isEqualTo("30 d: 99.20 % over the 3.0 days of data held");
        assertThat(uptime().uptimes(Map.of(), NOW))
                .extracting(Uptime::text)
                .containsExactly("24 h: no data", "7 d: no data", "30 d: no data");
    }

    @Test
    void aCheckMinutesOldIsFoundByTheFineSearchEvenWhereTheCoarseStepsMissIt() {
        Map<String, Double> parts = Map.of(
                "uptime_86400", 100.0,
                "uptime_604800", 100.0,
                "uptime_2592000", 100.0,
                "first_900", (double) NOW.minusSeconds(300).getEpochSecond());
        assertThat(uptime().uptimes(parts, NOW))
                .allSatisfy(u -> assertThat(u.held()).isEqualTo(Duration.ofMinutes(5)))
                .extracting(Uptime::text)
                .containsExactly(
                        "24 h: 100.00 % over the 5 minutes of data held",
                        "7 d: 100.00 % over the 5 minutes of data held",
                        "30 d: 100.00 % over the 5 minutes of data held");
    }

    @Test
    void probesOlderThanEveryWindowCoverThemAll() {
        Map<String, Double> parts = new java.util.HashMap<>();
        for (long w : new long[] {86400, 604800, 2592000}) {
            parts.put("uptime_" + w, 99.0);
            // the subquery's first step inside the window finds a probe
            parts.put("first_" + w, (double)
                    NOW.minusSeconds(w).plusSeconds(w / 1440).getEpochSecond());
        }
        parts.put("first_900", (double) NOW.minusSeconds(900).getEpochSecond());
        assertThat(uptime().uptimes(parts, NOW))
                .allSatisfy(u -> assertThat(u.complete()).isTrue());
    }
}
