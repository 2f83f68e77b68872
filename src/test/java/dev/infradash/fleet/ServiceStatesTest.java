package dev.infradash.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infradash.prometheus.Sample;
import dev.infradash.targets.Exporter;
import dev.infradash.targets.ExporterKind;
import dev.infradash.targets.MonitoredServer;
import dev.infradash.targets.ServiceCheck;
import dev.infradash.targets.ServiceKind;
import dev.infradash.targets.TargetList;
import dev.infradash.targets.TargetsState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Service checks in the snapshot: from the cycle's probe_* answers, by server and service (issue 14). */
class ServiceStatesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private final SnapshotAssembler assembler = new SnapshotAssembler();
    private final FleetSnapshot empty = FleetSnapshot.initial("http://127.0.0.1:9090", "targets.json");

    private static final List<ServiceCheck> CHECKS = List.of(
            new ServiceCheck("qdrant", ServiceKind.HTTP, "http://10.0.0.7:6333/healthz"),
            new ServiceCheck("ssh", ServiceKind.TCP, "10.0.0.7:22"),
            new ServiceCheck("ping", ServiceKind.ICMP, "10.0.0.7"));

    private final Map<FleetQuery, List<Sample>> answers = new EnumMap<>(FleetQuery.class);

    ServiceStatesTest() {
        for (FleetQuery query : FleetQuery.values()) {
            answers.put(query, new ArrayList<>());
        }
    }

    private void add(FleetQuery query, double value, String... labels) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        answers.get(query).add(new Sample(map, T0, value));
    }

    private void probe(String server, String service, double success, double seconds) {
        add(FleetQuery.SERVICE_PROBER_UP, 1, "server", server, "service", service);
        add(FleetQuery.SERVICE_UP, success, "server", server, "service", service);
        add(FleetQuery.SERVICE_LATENCY, seconds, "server", server, "service", service);
    }

    private FleetSnapshot assemble(MonitoredServer... servers) {
        TargetsState targets = new TargetsState(new TargetList(List.of(servers)), Path.of("targets.json"), null);
        return assembler.assemble(1, T0, targets, answers, Map.of(), List.of(), empty, "http://127.0.0.1:9090");
    }

    private static MonitoredServer storage(boolean withExporter) {
        return new MonitoredServer(
                "storage",
                "Storage",
                "storage",
                withExporter
                        ? List.of(new Exporter(ExporterKind.NODE, "10.0.0.7:9100", "http", "/metrics"))
                        : List.of(),
                Map.of(),
                CHECKS);
    }

    @Test
    void eachCheckGetsItsStateLatencyStatusUptimeAndCertificateDays() {
        add(FleetQuery.UP, 1, "server", "storage", "job", "node");
        probe("storage", "qdrant", 1, 0.0123);
        add(FleetQuery.SERVICE_STATUS, 200, "server", "storage", "service", "qdrant");
        add(FleetQuery.SERVICE_UPTIME_24H, 99.5, "server", "storage", "service", "qdrant");
        add(FleetQuery.SERVICE_CERT_EXPIRY, 10 * 86_400 + 3_600, "server", "storage", "service", "qdrant");
        probe("storage", "ssh", 0, 0.001);
        add(FleetQuery.SERVICE_STATUS, 0, "server", "storage", "service", "ssh");

        ServerSnapshot server = assemble(storage(true)).servers().get(0);

        assertThat(server.health())
                .as("the host is up; its checks do not decide that")
                .isEqualTo(Health.UP);
        assertThat(server.services()).extracting(ServiceState::name).containsExactly("qdrant", "ssh", "ping");
        ServiceState qdrant = server.services().get(0);
        assertThat(qdrant.up()).isTrue();
        assertThat(qdrant.latencyMs()).isEqualTo(12.3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(qdrant.statusCode()).isEqualTo(200);
        assertThat(qdrant.uptime24hPercent()).isEqualTo(99.5);
        assertThat(qdrant.certExpiresInDays()).isEqualTo(10.0);
        assertThat(qdrant.certExpiring()).isTrue();
        assertThat(qdrant.target()).isEqualTo("http://10.0.0.7:6333/healthz");
        ServiceState ssh = server.services().get(1);
        assertThat(ssh.down()).isTrue();
        assertThat(ssh.statusCode()).as("no status code for tcp").isNull();
        assertThat(server.services().get(2).up()).as("not probed yet").isNull();
    }

    @Test
    void aProberThatDoesNotAnswerMakesTheCheckUnknownNotDownAndSaysWhy() {
        add(FleetQuery.SERVICE_PROBER_UP, 0, "server", "storage", "service", "qdrant");
        add(FleetQuery.SERVICE_UP, 0, "server", "storage", "service", "qdrant");
        ServiceState qdrant =
                assemble(storage(true)).servers().get(0).services().get(0);
        assertThat(qdrant.up()).isNull();
        assertThat(qdrant.problem()).contains("blackbox_exporter does not answer");
    }

    @Test
    void aFailedPingHintsAtTheMissingCapability() {
        probe("storage", "ping", 0, 0.0);
        ServiceState ping = assemble(storage(true)).servers().get(0).services().get(2);
        assertThat(ping.down()).isTrue();
        assertThat(ping.problem()).contains("CAP_NET_RAW");
    }

    @Test
    void aServerWithChecksAndNoExporterIsUpWhenACheckSucceedsAndDownWhenAllFail() {
        assertThat(assemble(storage(false)).servers().get(0).health()).isEqualTo(Health.UNKNOWN);
        probe("storage", "qdrant", 1, 0.01);
        assertThat(assemble(storage(false)).servers().get(0).health()).isEqualTo(Health.UP);
        answers.values().forEach(List::clear);
        probe("storage", "qdrant", 0, 0.01);
        probe("storage", "ssh", 0, 0.01);
        ServerSnapshot down = assemble(storage(false)).servers().get(0);
        assertThat(down.health()).isEqualTo(Health.DOWN);
        assertThat(down.stale()).as("no exporter values to be stale").isFalse();
    }

    @Test
    void probeSeriesAreNoExporterOfTheServer() {
        FleetQueries queries = new FleetQueries(new org.springframework.boot.context.properties.bind.Binder(
                        new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(
                                Map.of("infradash.refresh-interval", "5s")))
                .bindOrCreate("infradash", CollectorProperties.class));
        assertThat(queries.promql(FleetQuery.UP)).contains("service=\"\"");
        assertThat(queries.promql(FleetQuery.SERVICE_UP)).contains("probe_success", "by (server, service)");
    }
}
