package dev.infradash.alerting;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static dev.infradash.testsupport.PrometheusStack.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServletRequest;
import dev.infradash.fleet.FleetSnapshotPublisher;
import dev.infradash.prometheus.AlertmanagerAlert;
import dev.infradash.prometheus.AlertmanagerClient;
import dev.infradash.prometheus.Silence;
import dev.infradash.testsupport.Browser;
import dev.infradash.testsupport.KaribuRoutes;
import dev.infradash.testsupport.PrometheusStack.Exporter;
import dev.infradash.testsupport.PrometheusStackExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Alerts and silences end to end: a real Prometheus evaluates an alert with a short {@code for:}
 * and sends it to a real Alertmanager; the app lists it, silences it over REST, shows the card
 * muted, expires the silence, ends an "until resolved" one when the alert resolves, and reads the
 * firing back from the ALERTS history. Ordered: each step builds on the state the last one left.
 * The history is read last: the 24 h range's 15 s step shows an end only 15-30 s after the
 * resolution, and the steps in between (request counts, the phone) need that time anyway.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertingIT {

    private static final String ADMIN_PASSWORD = "alerting-it-admin-password";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOWN = "ItNodeDown";
    private static final String PENDING = "ItAlwaysPending";

    @RegisterExtension
    static final PrometheusStackExtension prometheus = PrometheusStackExtension.with(
                    b -> b.nodeExporters(1).alertmanager().extraRules("""
                            groups:
                              - name: alerting-it
                                rules:
                                  - alert: ItNodeDown
                                    expr: up{job="node", server="web-1"} == 0
                                    for: 2s
                                    labels:
                                      severity: critical
                                    annotations:
                                      summary: "node exporter of {{ $labels.server }} is down (IT)"
                                  - alert: ItAlwaysPending
                                    expr: label_replace(vector(1), "server", "web-1", "", "")
                                    for: 24h
                                    labels:
                                      severity: warning
                                    annotations:
                                      summary: "Pending alert text that a phone must show"
                            """))
            .then(stack -> {
                stack.writeTargets(server("web-1", "web", "Web One", Exporter.NODE, stack.nodeExporterHostPort(0)));
                stack.awaitTargetsUp(1, Duration.ofSeconds(30));
            });

    @LocalServerPort
    int port;

    @Autowired
    FleetSnapshotPublisher snapshots;

    @Autowired
    AlertmanagerClient alertmanager;

    @Autowired
    SilenceService silences;

    @Autowired
    AlertHistory history;

    @Autowired
    ApplicationContext context;

    private static String silenceId;

    @DynamicPropertySource
    static void app(DynamicPropertyRegistry registry) {
        prometheus.app(registry);
        registry.add("infradash.security.admin-password", () -> ADMIN_PASSWORD);
        registry.add("infradash.alerting.history-cache", () -> "1s");
    }

    // ---- HTTP -------------------------------------------------------------------------------

    private HttpResponse<String> send(String method, String path, String body, String user, String password)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return send(method, path, body, "admin", ADMIN_PASSWORD);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = admin("GET", path, null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode alert(String name) throws Exception {
        for (JsonNode alert : get("/api/alerting/alerts").path("alerts")) {
            if (alert.path("alertname").asText().equals(name)) return alert;
        }
        return JSON.missingNode();
    }

    private String silence(String alertname, String duration) throws Exception {
        HttpResponse<String> created = admin(
                "POST",
                "/api/alerting/silences",
                "{\"server\": \"web-1\", \"alertname\": \"" + alertname + "\", \"duration\": \"" + duration
                        + "\", \"comment\": \"AlertingIT\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asText();
    }

    private Silence amSilence(String id) {
        return alertmanager.silences().stream()
                .filter(s -> id.equals(s.id()))
                .findFirst()
                .orElseThrow();
    }

    // ---- the story --------------------------------------------------------------------------

    @Test
    @Order(1)
    void aFiringAlertIsListedAndAPendingOneToo() throws Exception {
        prometheus.stack().stopNodeExporter(0);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode down = alert(DOWN);
            assertThat(down.path("state").asText()).isEqualTo("firing");
            assertThat(down.path("server").asText()).isEqualTo("web-1");
            assertThat(down.path("severity").asText()).isEqualTo("critical");
            assertThat(down.path("summary").asText()).isEqualTo("node exporter of web-1 is down (IT)");
            assertThat(down.path("since").asText()).isNotEmpty();
            assertThat(down.path("silencedBy")).isEmpty();
        });
        assertThat(alert(PENDING).path("state").asText()).isEqualTo("pending");
        // Alertmanager holds it too, so a silence can act on it
        await().atMost(Duration.ofSeconds(30))
                .until(() -> alertmanager.alerts().stream()
                        .anyMatch(a -> DOWN.equals(a.labels().get("alertname"))));
    }

    @Test
    @Order(2)
    void aSilenceCreatedOverRestMutesItInTheNextSnapshotInAlertmanagerAndOnTheCard() throws Exception {
        silenceId = silence(DOWN, "1h");

        assertThat(amSilence(silenceId).active()).isTrue();
        assertThat(amSilence(silenceId).createdBy()).isEqualTo("admin");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode down = alert(DOWN);
            assertThat(down.path("state").asText()).isEqualTo("silenced");
            assertThat(down.path("silencedBy").get(0).asText()).isEqualTo(silenceId);
            assertThat(down.path("silencedUntil").isTextual()).isTrue();
        });
        List<AlertmanagerAlert> held = alertmanager.alerts().stream()
                .filter(a -> DOWN.equals(a.labels().get("alertname")))
                .toList();
        assertThat(held).allSatisfy(a -> assertThat(a.silencedBy()).contains(silenceId));
        JsonNode listed = get("/api/alerting/silences");
        assertThat(StreamSupport.stream(listed.spliterator(), false)
                        .map(s -> s.path("id").asText()))
                .contains(silenceId);

        // the card, in a Karibu UI backed by this app's Spring context
        MockVaadin.setup(UI::new, new MockSpringServlet(KaribuRoutes.discover("dev.infradash"), context, UI::new));
        try {
            logIn();
            UI.getCurrent().navigate("");
            Component card = _get(Component.class, spec -> spec.withAttribute("data-server", "web-1"));
            Component badge = _get(card, Component.class, spec -> spec.withClasses("alert-badge"));
            // the pending alert still counts; the silenced firing one does not make the card red
            assertThat(badge.getElement().getAttribute("theme")).doesNotContain("error");
            Component line = _get(card, Component.class, spec -> spec.withAttribute("data-state", "silenced"));
            assertThat(line.getElement().getTextRecursively())
                    .contains("node exporter of web-1 is down (IT)")
                    .contains("silenced until");
        } finally {
            MockVaadin.tearDown();
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    @Order(3)
    void hostileOrUnauthorisedWritesAreRefusedWithTheFieldNamed() throws Exception {
        int before = alertmanager.silences().size();
        String[][] cases = {
            {"{\"server\": \"web-1\", \"duration\": \"2h\", \"comment\": \"x\"}", "duration"},
            {"{\"server\": \"web-9\", \"duration\": \"1h\", \"comment\": \"x\"}", "server"},
            {"{\"server\": \"\", \"duration\": \"1h\", \"comment\": \"x\"}", "server"},
            {"{\"duration\": \"1h\", \"comment\": \"x\"}", "server"},
            {"{\"server\": \"web-1\", \"duration\": \"1h\", \"comment\": \"a\\nb\"}", "comment"},
            {"{\"server\": \"web-1\", \"duration\": \"1h\", \"comment\": \"" + "x".repeat(501) + "\"}", "comment"},
            {"{\"server\": \"web-1\", \"duration\": \"1h\", \"comment\": \"x\", \"matchers\": []}", "matchers"},
        };
        for (String[] c : cases) {
            HttpResponse<String> refused = admin("POST", "/api/alerting/silences", c[0]);
            assertThat(refused.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(JSON.readTree(refused.body())
                            .path("errors")
                            .get(0)
                            .path("field")
                            .asText())
                    .as(c[0])
                    .isEqualTo(c[1]);
        }
        HttpResponse<String> badRange = admin("GET", "/api/alerting/history?range=1y", null);
        assertThat(badRange.statusCode()).isEqualTo(400);
        assertThat(badRange.body()).contains("range");
        assertThat(admin("DELETE", "/api/alerting/silences/00000000-0000-0000-0000-000000000000", null)
                        .statusCode())
                .as("a well-formed id Alertmanager does not know")
                .isEqualTo(404);
        assertThat(admin("DELETE", "/api/alerting/silences/no-such-silence", null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(alertmanager.silences()).hasSize(before);
    }

    @Test
    @Order(4)
    void deleteExpiresTheSilenceAndTheAlertFiresUnmutedAgain() throws Exception {
        HttpResponse<String> deleted = admin("DELETE", "/api/alerting/silences/" + silenceId, null);

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(amSilence(silenceId).state()).isEqualTo("expired");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(alert(DOWN).path("state").asText()).isEqualTo("firing"));
    }

    @Test
    @Order(5)
    void anUntilResolvedSilenceEndsWhenTheAlertResolves() throws Exception {
        String untilResolved = silence(DOWN, "until-resolved");
        assertThat(amSilence(untilResolved).comment()).startsWith(UntilResolved.MARKER);
        assertThat(amSilence(untilResolved).endsAt())
                .isAfter(java.time.Instant.now().plus(Duration.ofDays(29)));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(alert(DOWN).path("state").asText()).isEqualTo("silenced"));

        prometheus.stack().startNodeExporter(0);

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> assertThat(amSilence(untilResolved).state()).isEqualTo("expired"));
        assertThat(alert(DOWN).isMissingNode()).isTrue();
    }

    @Test
    @Order(6)
    void prometheusRequestsPerCycleStayTheSameWithTheAlertsViewOpenInSeveralSessions() {
        double alone = requestsPerCycle();
        MockVaadin.setup(UI::new, new MockSpringServlet(KaribuRoutes.discover("dev.infradash"), context, UI::new));
        try {
            logIn();
            for (int i = 0; i < 5; i++) {
                UI.getCurrent().add(new AlertsView(snapshots, silences, history));
            }
            int subscribed = snapshots.subscriberCount();
            assertThat(subscribed).isGreaterThanOrEqualTo(5);
            double watched = requestsPerCycle();
            // the query and the alerts: nothing per viewer (Alertmanager's reads are no Prometheus request)
            assertThat(watched).isCloseTo(alone, org.assertj.core.api.Assertions.within(0.25));
            assertThat(watched).isLessThanOrEqualTo(2.0);
        } finally {
            MockVaadin.tearDown();
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    @Order(7)
    void aPendingAlertsTextIsVisibleOnAPhoneWithoutHovering() {
        ChromeDriver driver = Browser.start(375, 812);
        try {
            Browser.openAndLogIn(driver, "http://127.0.0.1:" + port + "/", "admin", ADMIN_PASSWORD);
            // redrawn by push now and then: find the element afresh on each try
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                WebElement line = driver.findElement(
                        By.cssSelector(".server-card[data-server='web-1'] .alert-line[data-state='pending']"));
                assertThat(line.isDisplayed()).isTrue();
                assertThat(line.getText()).contains("Pending alert text that a phone must show");
            });
            driver.get("http://127.0.0.1:" + port + "/alerts");
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                WebElement row = driver.findElement(By.cssSelector(".alert-item[data-alert='" + PENDING + "']"));
                assertThat(row.isDisplayed()).isTrue();
                assertThat(row.getText()).contains("Pending alert text that a phone must show");
                // as wide as the phone's viewport at most, and the page does not scroll sideways
                Long viewport = (Long) driver.executeScript("return window.innerWidth");
                assertThat((long) row.getRect().getWidth()).isLessThanOrEqualTo(viewport);
                Long overflow = (Long) driver.executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertThat(overflow).as("no horizontal scrolling").isLessThanOrEqualTo(0L);
            });
        } finally {
            driver.quit();
        }
    }

    @Test
    @Order(8)
    void theHistoryShowsTheResolvedFiringAndItsFiltersApply() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode page = get("/api/alerting/history?range=24h&server=web-1&severity=critical");
            JsonNode interval = StreamSupport.stream(page.path("intervals").spliterator(), false)
                    .filter(i -> DOWN.equals(i.path("alertname").asText()))
                    .findFirst()
                    .orElseThrow();
            assertThat(interval.path("server").asText()).isEqualTo("web-1");
            assertThat(interval.path("end").isNull())
                    .as("resolved: " + interval)
                    .isFalse();
            // a firing shorter than the 15 s step is one point: it reads as up to one step, not 0 s
            assertThat(interval.path("resolutionSeconds").asLong()).isEqualTo(15);
            assertThat(interval.path("durationSeconds").asLong())
                    .isGreaterThanOrEqualTo(interval.path("resolutionSeconds").asLong());
            assertThat(interval.path("ongoing").asBoolean()).isFalse();
        });
        // the filters apply: the warning-level pending alert never fired, and no other server did
        JsonNode warnings = get("/api/alerting/history?range=7d&severity=warning");
        assertThat(warnings.path("intervals")).isEmpty();
    }

    // ---- plumbing ---------------------------------------------------------------------------

    private static void logIn() {
        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                "admin", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN"));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        FakeRequest request = (FakeRequest) ((VaadinServletRequest) VaadinServletRequest.getCurrent()).getRequest();
        request.setUserPrincipalInt(authentication);
        request.setUserInRole((principal, name) -> name.equals("ADMIN"));
    }

    private double requestsPerCycle() {
        long first = awaitNextCycle();
        long before = prometheus.stack().apiRequestCount();
        long last = first;
        for (int i = 0; i < 4; i++) {
            last = awaitNextCycle();
        }
        return (prometheus.stack().apiRequestCount() - before) / (double) (last - first);
    }

    private long awaitNextCycle() {
        long current = snapshots.current().sequence();
        return await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> snapshots.current().sequence(), sequence -> sequence > current);
    }
}
