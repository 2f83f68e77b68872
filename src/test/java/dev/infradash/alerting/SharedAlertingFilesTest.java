package dev.infradash.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.audit.AuditTrail;
import dev.infradash.base.AtomicFile;
import dev.infradash.base.FileOperations;
import dev.infradash.prometheus.AlertmanagerClient;
import dev.infradash.prometheus.AlertmanagerProperties;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusProperties;
import dev.infradash.targets.DataProperties;
import dev.infradash.targets.TargetRegistry;
import dev.infradash.targets.TargetsProperties;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * Channels and alert rules on a data directory two instances share (issue 16, two replicas):
 * each instance reads what the other stored and changes the file as it is, not its own copy.
 * Two stores on one directory stand in for two processes (no JVM-wide state; changes run one
 * after the other).
 */
class SharedAlertingFilesTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final List<AlertmanagerClient> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(AlertmanagerClient::close);
    }

    private ChannelService instance() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        AlertmanagerClient alertmanager =
                new AlertmanagerClient(AlertmanagerProperties.of(URI.create("http://127.0.0.1:" + closedPort)));
        clients.add(alertmanager);
        Clock clock = Clock.systemUTC();
        return new ChannelService(
                new ChannelStore(dir.resolve("data"), json),
                new AlertmanagerConfigWriter(dir.resolve("alertmanager/alertmanager.yml"), alertmanager, clock),
                alertmanager,
                new StaticListableBeanFactory().getBeanProvider(RuleRoutes.class),
                new DeliveryStatus(alertmanager, clock),
                new ChannelAudit(new AuditTrail(dir.resolve("data"), json, FileOperations.SYSTEM), json, clock),
                URI.create("http://127.0.0.1:8080"),
                AlertingDefaults.timings(),
                clock);
    }

    private static ChannelService.ChannelRequest webhook(String name) {
        return new ChannelService.ChannelRequest(name, "webhook", Map.of("url", "http://127.0.0.1:9/" + name));
    }

    @Test
    void channelsMadeOnBothInstancesAreAllKeptAndSeenByBoth() throws Exception {
        ChannelService a = instance();
        ChannelService b = instance();
        assertThat(b.channels()).isEmpty();

        String onA = a.create(webhook("ops"));
        assertThat(b.channels())
                .as("made on A, listed on B")
                .extracting(c -> c.id())
                .containsExactly(onA);

        String onB = b.create(webhook("dev"));
        assertThat(a.channels())
                .as("B's change kept A's channel")
                .extracting(c -> c.id())
                .containsExactlyInAnyOrder(onA, onB);
        assertThat(b.stored(onA).relaySecret())
                .as("B's relay accepts A's channel's secret")
                .isEqualTo(a.stored(onA).relaySecret());

        a.delete(onB, a.find(onB).orElseThrow().version());
        assertThat(b.channels()).extracting(c -> c.id()).containsExactly(onA);
    }

    /**
     * Review D1: a channel form (or script) that read a version before another instance changed
     * the channel is refused, instead of writing its old URL back over the change.
     */
    @Test
    void anEditOrDeleteOfAChannelChangedMeanwhileIsRefused() throws Exception {
        ChannelService a = instance();
        ChannelService b = instance();
        String id = a.create(webhook("ops"));
        String readByA = a.find(id).orElseThrow().version();

        b.update(
                id,
                new ChannelService.ChannelRequest("ops", "webhook", Map.of("url", "http://127.0.0.1:9/changed")),
                b.find(id).orElseThrow().version());

        assertThatThrownBy(() -> a.update(id, webhook("ops-renamed"), readByA))
                .isInstanceOf(ChannelChangedException.class);
        assertThatThrownBy(() -> a.delete(id, readByA)).isInstanceOf(ChannelChangedException.class);
        assertThat(a.stored(id).field("url")).as("B's change kept").isEqualTo("http://127.0.0.1:9/changed");
        assertThat(a.stored(id).name()).isEqualTo("ops");
        a.update(id, webhook("ops-renamed"), a.find(id).orElseThrow().version());
        assertThat(b.stored(id).name()).as("with the current version").isEqualTo("ops-renamed");
    }

    @Test
    void ruleStoresOnOneDirectoryReadEachOthersChanges() throws Exception {
        RuleStore a = new RuleStore(dir, json, FileOperations.SYSTEM);
        RuleStore b = new RuleStore(dir, json, FileOperations.SYSTEM);
        List<AlertRule> defaults = b.load();
        try (AtomicFile.UpdateLock ignored = a.lock()) {
            a.save(defaults.subList(1, defaults.size()));
        }
        assertThat(b.load()).as("A removed the first rule").hasSize(defaults.size() - 1);
        try (AtomicFile.UpdateLock ignored = b.lock()) {
            b.save(List.of(defaults.get(0).withEnabled(false)));
        }
        assertThat(a.load())
                .singleElement()
                .satisfies(rule -> assertThat(rule.enabled()).isFalse());
    }

    /** Another instance (here: its store) saves the rules; this instance's list follows without a restart. */
    @Test
    void alertRulesListWhatAnotherInstanceStored() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path data = dir.resolve("data");
        try (PrometheusClient prometheus =
                new PrometheusClient(PrometheusProperties.of(URI.create("http://127.0.0.1:" + closedPort)))) {
            AlertRules here = new AlertRules(
                    new DataProperties(data),
                    new AlertingProperties(
                            dir.resolve("alertmanager.yml"),
                            dir.resolve("rules/infradash-managed.yml"),
                            URI.create("http://127.0.0.1:8080"),
                            Duration.ofSeconds(30),
                            Duration.ofSeconds(10),
                            Duration.ofMinutes(1),
                            Duration.ofHours(4)),
                    json,
                    prometheus,
                    new RuleFileRenderer("tmpfs"),
                    new TargetRegistry(new TargetsProperties(dir.resolve("targets.json")), json),
                    new StaticListableBeanFactory().getBeanProvider(ChannelDirectory.class),
                    new AuditTrail(data, json, FileOperations.SYSTEM),
                    Clock.systemUTC(),
                    event -> {});
            List<AlertRule> defaults = here.list();
            RuleStore other = new RuleStore(data, json, FileOperations.SYSTEM);
            try (AtomicFile.UpdateLock ignored = other.lock()) {
                other.save(List.of(defaults.get(0).withEnabled(false)));
            }
            assertThat(here.list())
                    .singleElement()
                    .satisfies(rule -> assertThat(rule.enabled()).isFalse());
            assertThat(here.routes())
                    .singleElement()
                    .satisfies(route ->
                            assertThat(route.ruleId()).isEqualTo(defaults.get(0).id()));
        }
    }
}
