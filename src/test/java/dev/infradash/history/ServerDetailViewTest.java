package dev.infradash.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import dev.infradash.base.chart.Series;
import dev.infradash.base.chart.ZoomEvent;
import dev.infradash.fleet.CollectorProperties;
import dev.infradash.fleet.FleetSnapshot;
import dev.infradash.fleet.FleetSnapshotPublisher;
import dev.infradash.fleet.PrometheusStatus;
import dev.infradash.fleet.ServerDetail;
import dev.infradash.fleet.ServerSnapshot;
import dev.infradash.fleet.TestSnapshots;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusProperties;
import dev.infradash.targets.TargetRegistry;
import dev.infradash.targets.TargetsProperties;
import dev.infradash.testsupport.KaribuTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The detail view in Karibu: range queries answered by a MockWebServer standing in for
 * Prometheus (the real one is in ServerDetailBrowserIT), snapshots published by hand.
 */
class ServerDetailViewTest extends KaribuTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @TempDir
    Path dir;

    private final MockWebServer prometheus = new MockWebServer();
    private final List<Map<String, String>> rangeQueries = new CopyOnWriteArrayList<>();
    private PrometheusClient client;
    private FleetSnapshotPublisher publisher;
    private ServerHistory history;
    private ServerWatch watch;
    private ServerDetailView view;

    @BeforeEach
    void setUp() throws Exception {
        prometheus.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                Map<String, String> form = form(request.getBody().utf8());
                rangeQueries.add(form);
                long start = (long) Double.parseDouble(form.get("start"));
                // one series per chart, named by whichever label the chart uses
                String body = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":"
                        + "{\"server\":\"web-1\",\"mode\":\"user\",\"series\":\"1m\",\"mountpoint\":\"/\"},"
                        + "\"values\":[[" + start + ",\"1\"],[" + (start + 60) + ",\"2\"],[" + (start + 120)
                        + ",\"3\"]]}]}}";
                return new MockResponse.Builder()
                        .code(200)
                        .addHeader("Content-Type", "application/json")
                        .body(body)
                        .build();
            }
        });
        prometheus.start(InetAddress.getByName("127.0.0.1"), 0);
        PrometheusProperties properties =
                PrometheusProperties.of(URI.create("http://127.0.0.1:" + prometheus.getPort()));
        client = new PrometheusClient(properties);
        CollectorProperties collector = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("infradash", CollectorProperties.class);
        publisher = new FleetSnapshotPublisher(
                properties,
                new TargetRegistry(new TargetsProperties(dir.resolve("t.json")), new ObjectMapper()),
                new SimpleMeterRegistry());
        history = new ServerHistory(client, new dev.infradash.history.ChartQueries(collector), collector, publisher);
        watch = new ServerWatch();
        view = new ServerDetailView(publisher, history, watch, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() throws Exception {
        history.destroy();
        publisher.destroy();
        client.close();
        prometheus.close();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    private static ServerSnapshot server(String id) {
        return TestSnapshots.server(id)
                .displayName("Web One")
                .role("web")
                .exporter("node", true, NOW)
                .build();
    }

    private static FleetSnapshot snapshot(long sequence, Map<String, ServerDetail> details, ServerSnapshot... servers) {
        return TestSnapshots.fleet()
                .sequence(sequence)
                .collectedAt(NOW)
                .prometheus(new PrometheusStatus("http://p", true, null, NOW))
                .servers(servers)
                .targetsFile("t.json")
                .details(details)
                .build();
    }

    private void publish(FleetSnapshot snapshot) {
        TestSnapshots.publish(publisher, snapshot);
        await().atMost(Duration.ofSeconds(5)).until(() -> publisher.current() == snapshot);
    }

    private void openAndAttach(String server, String query) {
        view.open(server, QueryParameters.fromString(query));
        UI.getCurrent().add(view);
    }

    @Test
    void everyChartGetsItsSeriesFromOneRangeQueryEach() {
        publish(snapshot(1, Map.of(), server("web-1")));
        openAndAttach("web-1", "");

        awaitUi(() -> assertThat(view.panels()).hasSize(6));
        awaitUi(() -> view.panels()
                .values()
                .forEach(panel -> assertThat(panel.apexChart().getSeries())
                        .as(panel.chart().name())
                        .hasSize(1)
                        .allSatisfy(series -> assertThat(series.points()).hasSize(3))));
        assertThat(view.panels().get(Chart.CPU).apexChart().getSeries())
                .extracting(Series::name)
                .containsExactly("user");
        assertThat(view.panels().get(Chart.DISK_USAGE).apexChart().getSeries())
                .extracting(Series::name)
                .containsExactly("/");
        assertThat(rangeQueries)
                .as("one query_range per chart, none for GPU charts without a GPU exporter")
                .hasSize(6);
        assertThat(rangeQueries).allSatisfy(q -> {
            assertThat(q.get("query")).contains("server=\"web-1\"");
            assertThat(Double.parseDouble(q.get("end")) - Double.parseDouble(q.get("start")))
                    .isEqualTo(900.0);
            assertThat(q.get("step")).isEqualTo("15.000");
        });
        assertThat(watch.watched()).containsExactly("web-1");
    }

    @Test
    void aPresetButtonRequeriesTheWindowAndALivePointIsAppended() {
        publish(snapshot(1, Map.of(), server("web-1")));
        openAndAttach("web-1", "range=1h");
        awaitUi(() -> assertThat(rangeQueries).hasSize(6));
        assertThat(view.window().preset()).isEqualTo(TimeWindow.Preset.H1);

        view.presetButtons().get(TimeWindow.Preset.H6).click();
        assertThat(pendingJavaScript()).as("the URL follows, before any answer").contains("servers/web-1?range=6h");
        awaitUi(() -> assertThat(rangeQueries).hasSize(12));
        assertThat(view.window().preset()).isEqualTo(TimeWindow.Preset.H6);
        Map<String, String> last = rangeQueries.get(11);
        assertThat(Double.parseDouble(last.get("end")) - Double.parseDouble(last.get("start")))
                .isEqualTo(6 * 3600.0);
        assertThat(last.get("step")).isEqualTo("22.000");
        long sixHoursAgo = NOW.minus(Duration.ofHours(6)).toEpochMilli();
        awaitUi(() -> assertThat(view.panels()
                        .get(Chart.LOAD)
                        .apexChart()
                        .getSeries()
                        .get(0)
                        .points()
                        .get(0)
                        .epochMillis())
                .as("the 6h history is drawn")
                .isEqualTo(sixHoursAgo));

        // live: a snapshot's values become one more point on the series the history drew
        publish(snapshot(
                2,
                Map.of(
                        "web-1",
                        new ServerDetail(NOW.plusSeconds(5), Map.of(LiveCharts.key(Chart.LOAD), Map.of("1m", 4.5)))),
                server("web-1")));
        awaitUi(() -> assertThat(view.panels()
                        .get(Chart.LOAD)
                        .apexChart()
                        .getSeries()
                        .get(0)
                        .points())
                .last()
                .isEqualTo(new dev.infradash.base.chart.Point(NOW.plusSeconds(5).toEpochMilli(), 4.5)));
        assertThat(view.panels().get(Chart.LOAD).apexChart().getSeries().get(0).points())
                .as("points older than the 6 h window dropped")
                .hasSize(3);
        assertThat(rangeQueries).as("live points cost no query").hasSize(12);
    }

    @Test
    void aZoomBecomesAFixedWindowInTheUrlAndIsQueriedAtFullResolution() {
        publish(snapshot(1, Map.of(), server("web-1")));
        openAndAttach("web-1", "range=7d");
        awaitUi(() -> assertThat(view.panels()).hasSize(6));
        int before = rangeQueries.size();
        Instant from = NOW.minusSeconds(600);
        Instant to = NOW.minusSeconds(300);

        ComponentUtil.fireEvent(
                view.panels().get(Chart.MEMORY).apexChart(),
                new ZoomEvent(
                        view.panels().get(Chart.MEMORY).apexChart(), true, from.toEpochMilli(), to.toEpochMilli()));

        assertThat(view.window().isLive()).isFalse();
        assertThat(view.window().from()).isEqualTo(from);
        assertThat(pendingJavaScript())
                .contains("from=" + from.getEpochSecond())
                .contains("to=" + to.getEpochSecond());
        awaitUi(() -> assertThat(rangeQueries).hasSize(before + 6));
        assertThat(rangeQueries.get(before).get("step"))
                .as("300 s at most 1000 points, floored at the scrape interval")
                .isEqualTo("15.000");
    }

    @Test
    void anUnknownServerGetsANotFoundViewAndAnInvalidRangeFallsBackTo15m() {
        publish(snapshot(1, Map.of(), server("web-1")));
        openAndAttach("nope", "range=banana");
        assertThat(view.window().preset()).isEqualTo(TimeWindow.Preset.M15);
        MockVaadin.clientRoundtrip();
        assertThat(view.getElement().getTextRecursively())
                .contains("No server \u201cnope\u201d", "Back to the overview");
        assertThat(rangeQueries).isEmpty();
    }

    @Test
    void aServerRemovedWhileOpenIsSaidToBeRemoved() {
        publish(snapshot(1, Map.of(), server("web-1")));
        openAndAttach("web-1", "");
        publish(snapshot(2, Map.of()));
        awaitUi(() -> assertThat(view.getElement().getTextRecursively()).contains("no longer monitored"));
        UI.getCurrent().remove(view);
        assertThat(watch.watched()).as("detach stops watching").isEmpty();
        assertThat(publisher.subscriberCount()).isZero();
    }

    private static String pendingJavaScript() {
        return UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations().stream()
                .map(invocation -> invocation.getInvocation().getExpression() + " "
                        + invocation.getInvocation().getParameters())
                .reduce("", String::concat);
    }
}
