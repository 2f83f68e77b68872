package dev.infradash.alerting;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import dev.infradash.audit.AuditTrail;
import dev.infradash.base.FileOperations;
import dev.infradash.fleet.FleetSnapshotPublisher;
import dev.infradash.fleet.ServerAlert;
import dev.infradash.fleet.TestSnapshots;
import dev.infradash.prometheus.AlertmanagerClient;
import dev.infradash.prometheus.AlertmanagerProperties;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusProperties;
import dev.infradash.prometheus.Silence;
import dev.infradash.security.LiveRoles;
import dev.infradash.targets.TargetRegistry;
import dev.infradash.targets.TargetsProperties;
import dev.infradash.testsupport.KaribuTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The alert list in a mocked Vaadin UI: snapshots are published for real and reach the view
 * through {@code ui.access}. Nothing here talks to Prometheus or Alertmanager: the list comes from
 * the snapshot, and the clients point at a closed port to prove it.
 */
class AlertsViewTest extends KaribuTest {

    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");

    @TempDir
    Path dir;

    private FleetSnapshotPublisher publisher;
    private AlertmanagerClient alertmanager;
    private PrometheusClient prometheus;
    private SilenceService silences;
    private AlertHistory history;

    @BeforeEach
    void setUp() {
        TargetRegistry registry =
                new TargetRegistry(new TargetsProperties(dir.resolve("targets.json")), new ObjectMapper());
        publisher = new FleetSnapshotPublisher(PrometheusProperties.of(NOWHERE), registry, new SimpleMeterRegistry());
        alertmanager = new AlertmanagerClient(AlertmanagerProperties.of(NOWHERE));
        prometheus = new PrometheusClient(PrometheusProperties.of(NOWHERE));
        silences = new SilenceService(
                alertmanager,
                publisher,
                mock(LiveRoles.class),
                new AuditTrail(dir, new ObjectMapper(), FileOperations.SYSTEM),
                new ObjectMapper(),
                Clock.systemUTC());
        history = new AlertHistory(
                prometheus,
                Clock.systemUTC(),
                new AlertingProperties(
                        dir.resolve("am.yml"),
                        dir.resolve("rules.yml"),
                        NOWHERE,
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(10),
                        Duration.ofMinutes(1),
                        Duration.ofHours(4)));
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        publisher.destroy();
        silences.destroy();
        history.destroy();
        alertmanager.close();
        prometheus.close();
    }

    private static void signIn(String role) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "alice", "n/a", AuthorityUtils.createAuthorityList("ROLE_" + role)));
    }

    private AlertsView open() {
        AlertsView view = new AlertsView(publisher, silences, history);
        UI.getCurrent().add(view);
        return view;
    }

    private void publishFleet() {
        Silence active = new Silence(
                "sil-1",
                List.of(Silence.Matcher.equal("server", "db-1")),
                T0,
                T0.plus(Duration.ofHours(4)),
                "bob",
                "disk swap",
                "active");
        TestSnapshots.publish(
                publisher,
                TestSnapshots.fleet()
                        .collectedAt(T0)
                        .servers(
                                TestSnapshots.server("web-1")
                                        .alerts(List.of(
                                                new ServerAlert("HostDown", "critical", "firing", T0, "web-1 is down"),
                                                new ServerAlert(
                                                        "HighCpuUsage", "warning", "pending", T0, "CPU of web-1 high")))
                                        .build(),
                                TestSnapshots.server("db-1")
                                        .alerts(List.of(new ServerAlert(
                                                "HighMemoryUsage",
                                                "warning",
                                                "firing",
                                                T0,
                                                "Memory of db-1 high",
                                                List.of("sil-1"),
                                                T0.plus(Duration.ofHours(4)))))
                                        .build())
                        .silences(active)
                        .build());
    }

    private static List<String> rows(Component view) {
        return _find(
                        _get(view, com.vaadin.flow.component.html.Div.class, spec -> spec.withClasses("alerts-now")),
                        com.vaadin.flow.component.html.Div.class,
                        spec -> spec.withClasses("alert-item"))
                .stream()
                .map(row -> row.getElement().getAttribute("data-server") + "/"
                        + row.getElement().getAttribute("data-alert") + "/"
                        + row.getElement().getAttribute("data-state"))
                .toList();
    }

    @Test
    void listsFiringThenPendingThenSilencedAndFiltersByServerAndSeverity() {
        signIn("VIEWER");
        AlertsView view = open();
        publishFleet();

        awaitUi(() -> assertThat(rows(view))
                .containsExactly(
                        "web-1/HostDown/firing", "web-1/HighCpuUsage/pending", "db-1/HighMemoryUsage/silenced"));
        assertThat(text(view)).contains("silenced until").contains("CPU of web-1 high");

        view.server.setValue("db-1");
        MockVaadin.clientRoundtrip();
        assertThat(rows(view)).containsExactly("db-1/HighMemoryUsage/silenced");

        view.server.setValue(AlertsView.ALL);
        view.severity.setValue("critical");
        MockVaadin.clientRoundtrip();
        assertThat(rows(view)).containsExactly("web-1/HostDown/firing");
    }

    @Test
    void aViewerSeesNoSilenceOrExpireAction() {
        signIn("VIEWER");
        AlertsView view = open();
        publishFleet();

        awaitUi(() -> assertThat(rows(view)).hasSize(3));
        assertThat(_find(view, Button.class, spec -> spec.withText("Silence…"))).isEmpty();
        assertThat(_find(view, Button.class, spec -> spec.withText("Expire silence")))
                .isEmpty();
        assertThat(_find(view, Button.class, spec -> spec.withText("New silence…")))
                .isEmpty();
        assertThat(text(view)).contains("disk swap"); // the silence itself is readable
    }

    @Test
    void anAdminSilencesFromARowAndExpiresFromASilencedOne() {
        signIn("ADMIN");
        AlertsView view = open();
        publishFleet();

        awaitUi(() -> assertThat(rows(view)).hasSize(3));
        assertThat(_find(view, Button.class, spec -> spec.withText("Silence…"))).hasSize(2);
        // once on the silenced alert's row, once in the silence list
        assertThat(_find(view, Button.class, spec -> spec.withText("Expire silence")))
                .hasSize(2);

        _find(view, Button.class, spec -> spec.withText("Silence…")).get(0).click();
        SilenceDialog dialog = _get(SilenceDialog.class);
        assertThat(dialog.server.getValue()).isEqualTo("web-1");
        assertThat(dialog.alertname.getValue()).isEqualTo("HostDown");
        // stable ids for browser tests
        assertThat(dialog.server.getId()).hasValue("silence-server");
        assertThat(dialog.alertname.getId()).hasValue("silence-alertname");
        assertThat(dialog.duration.getId()).hasValue("silence-duration");
        assertThat(dialog.comment.getId()).hasValue("silence-comment");
        assertThat(dialog.save.getId()).hasValue("silence-save");
        _get(Button.class, spec -> spec.withId("silence-cancel")).click();
        assertThat(dialog.isOpened()).isFalse();
    }
}
