package dev.infradash.settings;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.infradash.audit.AuditTrail;
import dev.infradash.base.FileOperations;
import dev.infradash.fleet.FleetSnapshotPublisher;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusProperties;
import dev.infradash.security.Role;
import dev.infradash.security.TestUsers;
import dev.infradash.targets.AuditLog;
import dev.infradash.targets.ExpectedStatus;
import dev.infradash.targets.ExporterDefinition;
import dev.infradash.targets.ExporterKind;
import dev.infradash.targets.ScrapeHealth;
import dev.infradash.targets.ServerDefinition;
import dev.infradash.targets.ServiceCheck;
import dev.infradash.targets.ServiceKind;
import dev.infradash.targets.TargetFileStore;
import dev.infradash.targets.TargetRegistry;
import dev.infradash.targets.TargetValidator;
import dev.infradash.targets.TargetsProperties;
import dev.infradash.testsupport.KaribuTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;

/** An admin adds, keeps and is refused service checks through Settings (Karibu, real store; issue 14). */
class ServiceChecksSettingsTest extends KaribuTest {

    @TempDir
    Path dir;

    private Path targets;
    private AuditLog audit;
    private TestUsers.Services security;
    private TargetFileStore store;
    private AuditTrail trail;
    private PrometheusClient client;
    private ScrapeHealth scrapeHealth;
    private FleetSnapshotPublisher publisher;

    @BeforeEach
    void setUp() throws Exception {
        targets = dir.resolve("targets/targets.json");
        Files.createDirectories(targets.getParent());
        ObjectMapper json = new ObjectMapper();
        trail = new AuditTrail(dir.resolve("data"), json, FileOperations.SYSTEM);
        audit = new AuditLog(trail, json);
        store = new TargetFileStore(
                new TargetsProperties(targets), new TargetValidator(), audit, json, Clock.systemUTC());
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        PrometheusProperties properties = PrometheusProperties.of(URI.create("http://127.0.0.1:" + closedPort));
        client = new PrometheusClient(properties);
        scrapeHealth = new ScrapeHealth(client, Clock.systemUTC(), new ThreadPoolTaskExecutorBuilder());
        publisher = new FleetSnapshotPublisher(
                properties, new TargetRegistry(new TargetsProperties(targets), json), new SimpleMeterRegistry());
        security = TestUsers.create(dir.resolve("data"));
        security.users().create("admin", "admin-password-long", Role.ADMIN);
    }

    @AfterEach
    void tearDown() throws Exception {
        scrapeHealth.destroy();
        publisher.destroy();
        client.close();
    }

    private void openAddForm() {
        UI.getCurrent()
                .add(new SettingsView(
                        store, trail, scrapeHealth, publisher, security.users(), security.tokens(), Clock.systemUTC()));
        _click(_get(Button.class, spec -> spec.withId("add-server")));
        _setValue(_get(TextField.class, spec -> spec.withId("server-id")), "storage");
        _setValue(_get(TextField.class, spec -> spec.withId("server-display-name")), "Storage");
        _setValue(_get(TextField.class, spec -> spec.withClasses("exporter-host")), "127.0.0.1");
        _setValue(_get(IntegerField.class, spec -> spec.withClasses("exporter-port")), 9100);
        _click(_get(Button.class, spec -> spec.withId("add-service")));
    }

    @SuppressWarnings("unchecked")
    private void fillCheck(String name, ServiceKind kind, String target) {
        _setValue(_get(TextField.class, spec -> spec.withClasses("service-name")), name);
        _setValue(_get(Select.class, spec -> spec.withClasses("service-kind")), kind);
        _setValue(_get(TextField.class, spec -> spec.withClasses("service-target")), target);
    }

    @Test
    void anAdminAddsAnHttpsCheckWithASelfSignedCertificateAndItIsWrittenForTheBlackboxJobAndAudited() throws Exception {
        openAddForm();
        fillCheck("proxmox", ServiceKind.HTTP, "https://127.0.0.1:8006/");
        _setValue(_get(Checkbox.class, spec -> spec.withClasses("service-self-signed")), true);
        _click(_get(Button.class, spec -> spec.withId("server-save")));

        String file = Files.readString(targets);
        assertThat(file)
                .contains("\"service\" : \"proxmox\"")
                .contains("\"__infradash_exporter\" : \"blackbox\"")
                .contains("\"__param_module\" : \"http_2xx_insecure\"")
                .contains("https://127.0.0.1:8006/");
        assertThat(store.load().value().get(0).services())
                .containsExactly(
                        new ServiceCheck("proxmox", ServiceKind.HTTP, "https://127.0.0.1:8006/", "", true, ""));
        assertThat(audit.recent(1).get(0).after().get(0).services()).hasSize(1);
    }

    @Test
    void aFileUrlIsRefusedOnTheTargetFieldAndNothingIsWritten() throws Exception {
        openAddForm();
        fillCheck("leak", ServiceKind.HTTP, "file:///etc/passwd");
        _click(_get(Button.class, spec -> spec.withId("server-save")));

        TextField target = _get(TextField.class, spec -> spec.withClasses("service-target"));
        assertThat(target.isInvalid()).isTrue();
        assertThat(target.getErrorMessage()).contains("http:// or https://");
        assertThat(Files.exists(targets) ? Files.readString(targets) : "").doesNotContain("leak");
        assertThat(audit.recent(10)).isEmpty();
    }

    @Test
    void editingAServerKeepsItsChecks() {
        List<ServiceCheck> checks = List.of(
                new ServiceCheck("ssh", ServiceKind.TCP, "10.0.0.7:22"),
                new ServiceCheck("resolver", ServiceKind.DNS, "10.0.0.1:53", "", false, "nas.lan"));
        ServerDefinition existing = new ServerDefinition(
                "storage",
                "Storage",
                "",
                List.of(new ExporterDefinition(ExporterKind.NODE, "10.0.0.7", 9100)),
                Map.of(),
                checks);
        ServerForm form = new ServerForm("Edit", existing, server -> List.of());
        assertThat(form.toDefinition()).isEqualTo(existing);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAdminPicksAnExpectedStatusRangeForAnHttpCheckAndItIsWrittenAsItsModule() throws Exception {
        openAddForm();
        fillCheck("grafana", ServiceKind.HTTP, "http://127.0.0.1:3000/");
        Select<ExpectedStatus> status = _get(Select.class, spec -> spec.withClasses("service-expect-status"));
        assertThat(status.getValue()).as("2xx by default").isEqualTo(ExpectedStatus.SUCCESS);
        _setValue(status, ExpectedStatus.BELOW_500);
        _click(_get(Button.class, spec -> spec.withId("server-save")));

        assertThat(Files.readString(targets)).contains("\"__param_module\" : \"http_2xx_4xx\"");
        assertThat(store.load().value().get(0).services().get(0).expectStatus()).isEqualTo(ExpectedStatus.BELOW_500);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theExpectedStatusIsOfferedOnlyForHttpChecks() {
        openAddForm();
        fillCheck("ssh", ServiceKind.TCP, "127.0.0.1:22");
        com.github.mvysny.kaributesting.v10.LocatorJ._assertNone(
                Select.class, spec -> spec.withClasses("service-expect-status"));
    }
}
