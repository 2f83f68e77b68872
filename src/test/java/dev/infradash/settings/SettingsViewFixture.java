package dev.infradash.settings;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.infradash.audit.AuditTrail;
import dev.infradash.base.FileOperations;
import dev.infradash.fleet.FleetSnapshotPublisher;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusProperties;
import dev.infradash.security.ApiTokenService;
import dev.infradash.security.Role;
import dev.infradash.security.TestUsers;
import dev.infradash.security.UserService;
import dev.infradash.targets.AuditLog;
import dev.infradash.targets.ScrapeHealth;
import dev.infradash.targets.ServerDefinition;
import dev.infradash.targets.TargetFileStore;
import dev.infradash.targets.TargetRegistry;
import dev.infradash.targets.TargetValidator;
import dev.infradash.targets.TargetsProperties;
import dev.infradash.testsupport.KaribuTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;

/**
 * The settings view's Karibu tests on one setup: a real TargetFileStore, audit trail and user
 * services in a temp directory, a Prometheus client on a closed port (nothing answers: these
 * tests are about the form), and the admin {@code admin}.
 */
abstract class SettingsViewFixture extends KaribuTest {

    @TempDir
    Path dir;

    Path targets;
    TargetFileStore store;
    AuditLog audit;
    AuditTrail trail;
    PrometheusClient client;
    ScrapeHealth scrapeHealth;
    FleetSnapshotPublisher publisher;
    SettingsView view;
    UserService users;
    ApiTokenService tokens;

    @BeforeEach
    void setUpSettings() throws Exception {
        targets = dir.resolve("targets/targets.json");
        Files.createDirectories(targets.getParent());
        ObjectMapper json = new ObjectMapper();
        trail = new AuditTrail(dir.resolve("data"), json, FileOperations.SYSTEM);
        audit = new AuditLog(trail, json);
        store = new TargetFileStore(
                new TargetsProperties(targets), new TargetValidator(), audit, json, Clock.systemUTC());
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        PrometheusProperties properties = PrometheusProperties.of(URI.create("http://127.0.0.1:" + closedPort));
        client = new PrometheusClient(properties);
        scrapeHealth = new ScrapeHealth(client, Clock.systemUTC(), new ThreadPoolTaskExecutorBuilder());
        publisher = new FleetSnapshotPublisher(
                properties, new TargetRegistry(new TargetsProperties(targets), json), new SimpleMeterRegistry());
        TestUsers.Services security = TestUsers.create(dir.resolve("data"));
        users = security.users();
        tokens = security.tokens();
        users.create("admin", "admin-password-long", Role.ADMIN);
    }

    @AfterEach
    void tearDownSettings() throws Exception {
        scrapeHealth.destroy();
        publisher.destroy();
        client.close();
    }

    void open() {
        view = new SettingsView(store, trail, scrapeHealth, publisher, users, tokens, Clock.systemUTC());
        UI.getCurrent().add(view);
    }

    @SuppressWarnings("unchecked")
    List<ServerDefinition> gridItems() {
        Grid<ServerDefinition> grid = _get(Grid.class, spec -> spec.withId("servers-grid"));
        return GridKt._findAll(grid);
    }

    void fillForm(String id, String name, String host, int port) {
        _setValue(_get(TextField.class, spec -> spec.withId("server-id")), id);
        _setValue(_get(TextField.class, spec -> spec.withId("server-display-name")), name);
        _setValue(_get(TextField.class, spec -> spec.withClasses("exporter-host")), host);
        _setValue(_get(IntegerField.class, spec -> spec.withClasses("exporter-port")), port);
    }
}
