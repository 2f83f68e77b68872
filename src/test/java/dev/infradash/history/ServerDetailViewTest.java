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
import dev.infradash.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
    private final List<Map<String, String>> instantQueries = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> serviceQueries = new CopyOnWriteArrayList<>();
    /** Charts of a server without a GPU exporter: one range query each. */
    static final int NODE_CHARTS =
            (int) java.util.Arrays.stream(Chart.values()).filter(c -> !c.gpu()).count();
    /** Range queries answer nothing: a server with no data in the window. */
    private volatile boolean noData;
    /** When set, the disk usage chart's range query answers these mounts, in this order. */
    private volatile List<String> mounts = List.of();
    /** What the filesystem table's instant query answers (a vector's results). */
    private volatile String filesystemAnswer = "";

    private PrometheusClient client;
    private FleetSnapshotPublisher publisher;
    private ServerHistory history;
    private ServerWatch watch;
    private ServerDetailView view;
    private MutableClock clock;
    private CollectorProperties collector;

    @BeforeEach
    void setUp() throws Exception {
        prometheus.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                Map<String, String> form = form(request.getBody().utf8());
                if (form.getOrDefault("query", "").contains("probe_")) {
                    return probes(request.getUrl().encodedPath().endsWith("/query"), form);
                }
                if (request.getUrl().encodedPath().endsWith("/query")) {
                    instantQueries.add(form);
                    return json("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                            + filesystemAnswer + "]}}");
                }
                rangeQueries.add(form);
                if (noData) {
                    return json("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");
                }
                long start = (long) Double.parseDouble(form.get("start"));
                if (!mounts.isEmpty() && form.get("query").contains("node_filesystem")) {
                    return json("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                            + String.join(
                                    ",",
                                    mounts.stream()
                                            .map(m -> "{\"metric\":{\"server\":\"web-1\",\"mountpoint\":\"" + m
                                                    + "\"},\"values\":[[" + start + ",\"40\"]]}")
                                            .toList())
                            + "]}}");
                }
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
        collector = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("infradash", CollectorProperties.class);
        publisher = new FleetSnapshotPublisher(
                properties,
                new TargetRegistry(new TargetsProperties(dir.resolve("t.json")), new ObjectMapper()),
                new SimpleMeterRegistry());
        history = new ServerHistory(client, new dev.infradash.history.ChartQueries(collector), collector, publisher);
        watch = new ServerWatch();
        clock = new MutableClock(NOW);
        view = new ServerDetailView(
                publisher,
                history,
                new HostFilesystems(client, collector, history),
                watch,
                clock,
                new dev.infradash.base.UiProperties(null, null, null, null, null),
                new ServiceHistory(client, collector, history, clock));
    }

    @AfterEach
    void tearDown() throws Exception {
        history.destroy();
        publisher.destroy();
        client.close();
        prometheus.close();
    }

    /** What Prometheus answers about the checks qdrant and ssh: a range query's series or the uptime parts. */
    private MockResponse probes(boolean instant, Map<String, String> form) {
        serviceQueries.add(form);
        if (instant) {
            long threeDaysAgo = NOW.minus(Duration.ofDays(3)).getEpochSecond();
            StringBuilder parts = new StringBuilder();
            for (String service : List.of("qdrant", "ssh")) {
                for (long window : new long[] {86400, 604800, 2592000}) {
                    long first = window == 86400 ? NOW.getEpochSecond() - window : threeDaysAgo;
                    parts.append(parts.isEmpty() ? "" : ",")
                            .append(sample(service, "uptime_" + window, 99.5))
                            .append(",")
                            .append(sample(service, "first_" + window, first));
                }
            }
            return json("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + parts + "]}}");
        }
        long start = (long) Double.parseDouble(form.get("start"));
        long step = (long) Double.parseDouble(form.get("step"));
        String value = form.get("query").contains("probe_success") ? "1" : "12";
        StringBuilder series = new StringBuilder();
        for (String service : List.of("qdrant", "ssh")) {
            series.append(series.isEmpty() ? "" : ",")
                    .append("{\"metric\":{\"service\":\"" + service + "\"},\"values\":[[" + start + ",\"" + value
                            + "\"],[" + (start + step) + ",\"" + value + "\"]]}");
        }
        return json("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[" + series + "]}}");
    }

    private static String sample(String service, String part, double value) {
        return "{\"metric\":{\"service\":\"" + service + "\",\"part\":\"" + part + "\"},\"value\":["
                + NOW.getEpochSecond() + ",\"" + value + "\"]}";
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
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

        awaitUi(() -> assertThat(view.panels()).hasSize(NODE_CHARTS));
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
                .hasSize(NODE_CHARTS);
        assertThat(rangeQueries).allSatisfy(q -> {
            assertThat(q.get("query")).contains("server=\"web-1\"");
            assertThat(Double.parseDouble(q.get("end")) - Double.parseDouble(q.get("start")))
                    .isEqualTo(900.0);
            assertThat(q.get("step")).isEqualTo("15.000");
        });
        assertThat(watch.watched()).containsExactly("web-1");
    }

    @Test
    void eachServiceCheckGetsItsTimelineResponseTimeAndUptimesFromThreeQueriesForAllChecks() {
        ServerSnapshot withChecks = TestSnapshots.server(server("web-1"))
                .services(
                        new dev.infradash.fleet.ServiceState(
                                "qdrant", "http", "http://10.0.0.7:6333/healthz", true, 12.0, 200, 99.5, null, null),
                        new dev.infradash.fleet.ServiceState(
                                "ssh", "tcp", "10.0.0.7:22", true, 1.0, null, 100.0, null, null))
                .build();
        publish(snapshot(1, Map.of(), withChecks));
        openAndAttach("web-1", "range=1h");

        awaitUi(() -> assertThat(text(view)).contains("7 d: 99.50 % over the 3.0 days of data held"));
        ServiceCheckRow qdrant = view.serviceRows().get("qdrant");
        assertThat(text(qdrant)).contains("Uptime 24 h: 99.50 % · 7 d: 99.50 % over the 3.0 days of data held");
        awaitUi(() -> assertThat(qdrant.timeline().apexChart().getSeries())
                .extracting(Series::name)
                .containsExactly("up", "down"));
        assertThat(qdrant.timeline().apexChart().getSeries().get(0).points())
                .extracting(dev.infradash.base.chart.Point::value)
                .containsExactly(100.0, 100.0);
        assertThat(qdrant.latency().apexChart().getSeries().get(0).points())
                .extracting(dev.infradash.base.chart.Point::value)
                .containsExactly(12.0, 12.0);
        assertThat(serviceQueries)
                .as("two range queries and one instant query for both checks")
                .hasSize(3);
        assertThat(serviceQueries).allSatisfy(q -> assertThat(q.get("query")).contains("server=\"web-1\""));
        // the host charts' queries run beside the checks' on the pool: they may still be arriving
        awaitUi(() -> assertThat(rangeQueries).as("the host charts as before").hasSize(NODE_CHARTS));

        // live: the next snapshot's state is a point, no query
        ServerSnapshot down = TestSnapshots.server(withChecks)
                .services(
                        new dev.infradash.fleet.ServiceState(
                                "qdrant", "http", "http://10.0.0.7:6333/healthz", false, 5.0, 503, 99.0, null, null),
                        new dev.infradash.fleet.ServiceState(
                                "ssh", "tcp", "10.0.0.7:22", true, 1.0, null, 100.0, null, null))
                .build();
        publish(TestSnapshots.fleet()
                .sequence(2)
                .collectedAt(NOW.plusSeconds(20))
                .prometheus(new PrometheusStatus("http://p", true, null, NOW))
                .servers(down)
                .targetsFile("t.json")
                .details(Map.of())
                .build());
        awaitUi(() -> assertThat(
                        qdrant.timeline().apexChart().getSeries().get(1).points())
                .last()
                .isEqualTo(
                        new dev.infradash.base.chart.Point(NOW.plusSeconds(20).toEpochMilli(), 100.0)));
        assertThat(serviceQueries).hasSize(3);
    }

    /**
     * Review C1: a check added to a live window hours after it opened loads the window ending now,
     * not the one of the first load (which would leave hours of hole before the live points).
     */
    @Test
    void aCheckAddedToALiveWindowHoursLaterLoadsTheWindowEndingNow() {
        ServerSnapshot oneCheck = TestSnapshots.server(server("web-1"))
                .services(new dev.infradash.fleet.ServiceState(
                        "qdrant", "http", "http://10.0.0.7:6333/healthz", true, 12.0, 200, 99.5, null, null))
                .build();
        publish(snapshot(1, Map.of(), oneCheck));
        openAndAttach("web-1", "range=1h");
        awaitUi(() -> assertThat(serviceQueries).hasSize(3));

        Instant later = NOW.plus(Duration.ofHours(3));
        clock.set(later);
        ServerSnapshot twoChecks = TestSnapshots.server(oneCheck)
                .services(
                        new dev.infradash.fleet.ServiceState(
                                "qdrant", "http", "http://10.0.0.7:6333/healthz", true, 12.0, 200, 99.5, null, null),
                        new dev.infradash.fleet.ServiceState(
                                "ssh", "tcp", "10.0.0.7:22", true, 1.0, null, 100.0, null, null))
                .build();
        publish(TestSnapshots.fleet()
                .sequence(2)
                .collectedAt(later)
                .prometheus(new PrometheusStatus("http://p", true, null, later))
                .servers(twoChecks)
                .targetsFile("t.json")
                .details(Map.of())
                .build());

        awaitUi(() -> assertThat(serviceQueries).hasSize(6));
        assertThat(serviceQueries.subList(3, 6))
                .filteredOn(q -> q.containsKey("end"))
                .hasSize(2)
                .allSatisfy(q -> assertThat(Double.parseDouble(q.get("end")))
                        .as("the range's end")
                        .isCloseTo(later.getEpochSecond(), org.assertj.core.data.Offset.offset(60.0)));
    }

    /** Review C2: a history that cannot be loaded (here: its pool is shut down) says so instead of staying blank. */
    @Test
    void aServiceHistoryThatCannotBeLoadedSaysSo() throws Exception {
        history.destroy();
        ServiceDetails details = new ServiceHistory(client, collector, history, clock)
                .load("web-1", List.of("qdrant"), TimeWindow.live(TimeWindow.Preset.H1, NOW))
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(details.chartError()).contains("could not be loaded");
        assertThat(details.uptimeError()).contains("could not be loaded");
    }

    @Test
    void serviceChecksAreAskedOnePointPerPixelLikeTheHostCharts() {
        ServerSnapshot withChecks = TestSnapshots.server(server("web-1"))
                .services(new dev.infradash.fleet.ServiceState(
                        "qdrant", "http", "http://10.0.0.7:6333/healthz", true, 12.0, 200, 99.5, null, null))
                .build();
        publish(snapshot(1, Map.of(), withChecks));
        openAndAttach("web-1", "range=6h");

        awaitUi(() -> assertThat(serviceQueries).hasSize(3));
        awaitUi(() -> assertThat(rangeQueries).hasSize(NODE_CHARTS));
        // the first load, before the browser said its width, assumes a 920 px chart: 6 h at 24 s, not
        // at the 22 s of 1,000 points; the checks' charts share the host charts' step
        String hostStep = rangeQueries.get(0).get("step");
        assertThat(hostStep).isEqualTo("24.000");
        assertThat(serviceQueries)
                .filteredOn(q -> q.containsKey("step"))
                .hasSize(2)
                .allSatisfy(q -> assertThat(q.get("step")).isEqualTo(hostStep));
    }

    @Test
    void aPresetButtonRequeriesTheWindowAndALivePointIsAppended() {
        publish(snapshot(1, Map.of(), server("web-1")));
        openAndAttach("web-1", "range=1h");
        awaitUi(() -> assertThat(rangeQueries).hasSize(NODE_CHARTS));
        assertThat(view.window().preset()).isEqualTo(TimeWindow.Preset.H1);

        view.presetButtons().get(TimeWindow.Preset.H6).click();
        assertThat(pendingJavaScript()).as("the URL follows, before any answer").contains("servers/web-1?range=6h");
        awaitUi(() -> assertThat(rangeQueries).hasSize(2 * NODE_CHARTS));
        assertThat(view.window().preset()).isEqualTo(TimeWindow.Preset.H6);
        Map<String, String> last = rangeQueries.get(2 * NODE_CHARTS - 1);
        assertThat(Double.parseDouble(last.get("end")) - Double.parseDouble(last.get("start")))
                .isEqualTo(6 * 3600.0);
        // one point per pixel: Karibu's browser window is 1,846 px wide, so the grid has 4 columns
        // of 461 px and 6 h are asked at 47 s (460 points), not at 22 s (1,000 points)
        assertThat(last.get("step")).isEqualTo("47.000");
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

        // live: a snapshot's values become one more point on the series the history drew, a step (47 s) on
        publish(snapshot(
                2,
                Map.of(
                        "web-1",
                        new ServerDetail(NOW.plusSeconds(47), Map.of(LiveCharts.key(Chart.LOAD), Map.of("1m", 4.5)))),
                server("web-1")));
        awaitUi(() -> assertThat(view.panels()
                        .get(Chart.LOAD)
                        .apexChart()
                        .getSeries()
                        .get(0)
                        .points())
                .last()
                .isEqualTo(
                        new dev.infradash.base.chart.Point(NOW.plusSeconds(47).toEpochMilli(), 4.5)));
        assertThat(view.panels().get(Chart.LOAD).apexChart().getXMin())
                .as("the chosen window stays on the axis after a push (issue 15: 6 h shrank to the data)")
                .isEqualTo(NOW.minus(Duration.ofHours(6)));
        assertThat(view.panels().get(Chart.LOAD).apexChart().getSeries().get(0).points())
                .as("points older than the 6 h window dropped")
                .hasSize(3);
        assertThat(rangeQueries).as("live points cost no query").hasSize(2 * NODE_CHARTS);
    }

    @Test
    void aZoomBecomesAFixedWindowInTheUrlAndIsQueriedAtFullResolution() {
        publish(snapshot(1, Map.of(), server("web-1")));
        openAndAttach("web-1", "range=7d");
        awaitUi(() -> assertThat(view.panels()).hasSize(NODE_CHARTS));
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
        awaitUi(() -> assertThat(rangeQueries).hasSize(before + NODE_CHARTS));
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

    private ServerDetail live(Instant at, double load) {
        return new ServerDetail(at, Map.of(LiveCharts.key(Chart.LOAD), Map.of("1m", load)));
    }

    private List<dev.infradash.base.chart.Point> loadPoints() {
        return view.panels().get(Chart.LOAD).apexChart().getSeries().get(0).points();
    }

    @Test
    void liveGrowthFollowsTheWindowsResolutionAndKeepsItsLength() {
        publish(snapshot(1, Map.of(), server("web-1")));
        openAndAttach("web-1", "range=7d");
        awaitUi(() -> assertThat(loadPoints()).hasSize(3));
        assertThat(view.panels().get(Chart.LOAD).apexChart().getXMin()).isEqualTo(NOW.minus(Duration.ofDays(7)));

        // 7 d in a 461 px chart is drawn at 1,312 s points: a 5-second live value is not joined to them
        publish(snapshot(2, Map.of("web-1", live(NOW.plusSeconds(5), 9.0)), server("web-1")));
        publish(snapshot(3, Map.of("web-1", live(NOW.plusSeconds(10), 9.5)), server("web-1")));
        MockVaadin.clientRoundtrip();
        assertThat(loadPoints()).as("no point finer than the window's step").hasSize(3);

        publish(snapshot(4, Map.of("web-1", live(NOW.plusSeconds(605), 7.0)), server("web-1")));
        MockVaadin.clientRoundtrip();
        assertThat(loadPoints())
                .as("605 s: the old 1,000-point step, finer than this chart's")
                .hasSize(3);
        publish(snapshot(5, Map.of("web-1", live(NOW.plusSeconds(1312), 7.0)), server("web-1")));
        awaitUi(() -> assertThat(loadPoints())
                .last()
                .isEqualTo(
                        new dev.infradash.base.chart.Point(NOW.plusSeconds(1312).toEpochMilli(), 7.0)));
        assertThat(view.panels().get(Chart.LOAD).apexChart().getXMin())
                .as("still 7 days on the axis")
                .isBetween(
                        NOW.minus(Duration.ofDays(7)),
                        NOW.minus(Duration.ofDays(7)).plusSeconds(1312));
    }

    @Test
    void aCustomRangeIsEnteredAndShownInTheBrowsersZoneAndAFutureOneIsRefused() {
        publish(snapshot(1, Map.of(), server("web-1")));
        openAndAttach("web-1", "range=1h");
        awaitUi(() -> assertThat(rangeQueries).hasSize(NODE_CHARTS));
        view.setZone("Europe/Berlin"); // what Chromium in Berlin reports; the server runs in UTC

        // 12:00 UTC is 13:00 in Berlin: the admin asks for 12:10-12:40 Berlin time
        view.rangeBar().from().setValue(java.time.LocalDateTime.parse("2026-11-27T12:10"));
        view.rangeBar().to().setValue(java.time.LocalDateTime.parse("2026-11-27T12:40"));
        com.github.mvysny.kaributesting.v10.LocatorJ._click(com.github.mvysny.kaributesting.v10.LocatorJ._get(
                view, com.vaadin.flow.component.button.Button.class, spec -> spec.withId("custom-range-apply")));

        assertThat(view.window().from()).isEqualTo(Instant.parse("2026-11-27T11:10:00Z"));
        assertThat(view.window().to()).isEqualTo(Instant.parse("2026-11-27T11:40:00Z"));
        assertThat(view.rangeBar().label()).isEqualTo("2026-11-27 12:10:00 – 2026-11-27 12:40:00 (Europe/Berlin)");
        awaitUi(() -> assertThat(rangeQueries).hasSize(2 * NODE_CHARTS));
        assertThat(Double.parseDouble(rangeQueries.get(rangeQueries.size() - 1).get("start")))
                .isEqualTo(Instant.parse("2026-11-27T11:10:00Z").getEpochSecond());

        // 13:30-13:50 Berlin is 12:30-12:50 UTC: after now, refused on the field, nothing queried
        TimeWindow before = view.window();
        view.rangeBar().from().setValue(java.time.LocalDateTime.parse("2026-11-27T13:30"));
        view.rangeBar().to().setValue(java.time.LocalDateTime.parse("2026-11-27T13:50"));
        com.github.mvysny.kaributesting.v10.LocatorJ._click(com.github.mvysny.kaributesting.v10.LocatorJ._get(
                view, com.vaadin.flow.component.button.Button.class, spec -> spec.withId("custom-range-apply")));
        assertThat(view.rangeBar().from().isInvalid()).isTrue();
        assertThat(view.rangeBar().from().getErrorMessage())
                .isEqualTo("This start lies in the future: now is 2026-11-27 13:00:00 (Europe/Berlin)");
        assertThat(view.window()).isEqualTo(before);
        MockVaadin.clientRoundtrip();
        assertThat(rangeQueries).hasSize(2 * NODE_CHARTS);
    }

    @Test
    void anEmptyWindowOfAServerThatExportsTheMetricIsNotBlamedOnTheExporter() {
        noData = true;
        ServerSnapshot fresh = TestSnapshots.server(server("web-1"))
                .node(new dev.infradash.fleet.NodeMetrics(
                        new dev.infradash.base.Reading(12, NOW),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null))
                .build();
        publish(snapshot(1, Map.of(), fresh));
        openAndAttach("web-1", "range=7d");
        awaitUi(() -> assertThat(text(view.panels().get(Chart.CPU))).contains("No data in this window yet"));
        assertThat(text(view.panels().get(Chart.CPU)))
                .contains("node_exporter exports node_cpu_seconds_total")
                .doesNotContain("does not export");
        assertThat(text(view.panels().get(Chart.LOAD)))
                .as("no load reading in the snapshot: that one is not exported")
                .contains("does not export node_load1");
        assertThat(view.panels())
                .as("pressure and temperatures are left out where the kernel exports none")
                .doesNotContainKeys(Chart.PRESSURE, Chart.TEMPERATURE);
    }

    @Test
    void theTabIsTitledWithTheServerAndGaugesFollowTheThresholds() {
        ServerSnapshot hot = TestSnapshots.server(server("web-1"))
                .node(new dev.infradash.fleet.NodeMetrics(
                        new dev.infradash.base.Reading(95, NOW),
                        null,
                        new dev.infradash.base.Reading(82, NOW),
                        null,
                        new dev.infradash.base.Reading(10, NOW),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null))
                .build();
        publish(snapshot(1, Map.of(), hot));
        openAndAttach("web-1", "");
        assertThat(view.getPageTitle()).isEqualTo("Web One · Infradash");
        List<dev.infradash.base.chart.ApexChart> gauges = com.github.mvysny.kaributesting.v10.LocatorJ._find(
                com.github.mvysny.kaributesting.v10.LocatorJ._get(view, ServerHeader.class),
                dev.infradash.base.chart.ApexChart.class);
        assertThat(gauges)
                .extracting(dev.infradash.base.chart.ApexChart::getColors)
                .containsExactly(
                        List.of(ServerHeader.LEVEL_COLORS.get(dev.infradash.base.Threshold.Level.CRITICAL)),
                        List.of(ServerHeader.LEVEL_COLORS.get(dev.infradash.base.Threshold.Level.WARNING)),
                        List.of(ServerHeader.LEVEL_COLORS.get(dev.infradash.base.Threshold.Level.OK)));
    }

    @Test
    void everyFilesystemIsListedWithInodesReadOnlyFlagAndTheForecastOverTheWindow() {
        filesystemAnswer = String.join(
                ",",
                fs("info", "/data", 2e12, ",\"device\":\"/dev/sdb1\",\"fstype\":\"xfs\""),
                fs("used", "/data", 91.5, ""),
                fs("avail", "/data", 1.7e11, ""),
                fs("inodes", "/data", 3.25, ""),
                fs("readonly", "/data", 0, ""),
                fs("full_in", "/data", 9 * 86400 + 3000, ""),
                fs("info", "/", 5e10, ",\"device\":\"/dev/sda1\",\"fstype\":\"ext4\""),
                fs("used", "/", 23, ""),
                fs("readonly", "/", 1, ""));
        publish(snapshot(1, Map.of(), server("web-1")));
        openAndAttach("web-1", "range=24h");
        awaitUi(() -> assertThat(view.filesystemPanel().rows()).hasSize(2));
        assertThat(view.filesystemPanel().rows())
                .containsExactly(
                        new FilesystemRow("/", "/dev/sda1", "ext4", 23.0, 5e10, null, null, true, null),
                        new FilesystemRow(
                                "/data", "/dev/sdb1", "xfs", 91.5, 2e12, 1.7e11, 3.25, false, 9 * 86400 + 3000.0));
        assertThat(view.filesystemPanel().forecastText()).startsWith("/data full in ~9 days");
        assertThat(instantQueries).hasSize(1);
        assertThat(instantQueries.get(0).get("query"))
                .contains("predict_linear(node_filesystem_avail_bytes{server=\"web-1\"")
                .contains("[86400s:87s]");
        assertThat(Double.parseDouble(instantQueries.get(0).get("time"))).isEqualTo(NOW.getEpochSecond());
    }

    private static String fs(String part, String mountpoint, double value, String extraLabels) {
        return "{\"metric\":{\"infradash_part\":\"" + part + "\",\"mountpoint\":\"" + mountpoint + "\"" + extraLabels
                + "},\"value\":[" + NOW.getEpochSecond() + ",\"" + value + "\"]}";
    }

    private static String pendingJavaScript() {
        return UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations().stream()
                .map(invocation -> invocation.getInvocation().getExpression() + " "
                        + invocation.getInvocation().getParameters())
                .reduce("", String::concat);
    }

    /** Waits until the disk usage chart draws the 7-day window's answer (its first point 7 days back). */
    private void awaitSevenDaysDrawn() {
        long weekAgo = NOW.minus(Duration.ofDays(7)).toEpochMilli();
        awaitUi(() -> assertThat(view.panels()
                        .get(Chart.DISK_USAGE)
                        .apexChart()
                        .getSeries()
                        .get(0)
                        .points()
                        .get(0)
                        .epochMillis())
                .isEqualTo(weekAgo));
    }

    private List<String> diskSeries() {
        return view.panels().get(Chart.DISK_USAGE).apexChart().getSeries().stream()
                .map(Series::name)
                .toList();
    }

    /** Issue 15: the series order changed between ranges, with Prometheus' answer order. */
    @Test
    void seriesKeepTheirOrderWhateverOrderARangeIsAnsweredIn() {
        mounts = List.of("/var", "/data", "/", "/srv", "/home", "/boot");
        publish(snapshot(1, Map.of(), server("web-1")));
        openAndAttach("web-1", "range=1h");
        awaitUi(() -> assertThat(diskSeries()).hasSize(6));
        List<String> order = diskSeries();

        mounts = List.of("/boot", "/home", "/srv", "/", "/data", "/var");
        view.presetButtons().get(TimeWindow.Preset.D7).click();
        awaitUi(() -> assertThat(rangeQueries).hasSize(2 * NODE_CHARTS));
        awaitSevenDaysDrawn();
        assertThat(diskSeries()).as("7d, answered in reverse").containsExactlyElementsOf(order);
    }

    /** Issue 15: colours repeated with six series and changed between ranges. */
    @Test
    void sixSeriesGetSixColoursThatStayWithTheirNamesAcrossRanges() {
        mounts = List.of("/var", "/data", "/", "/srv", "/home", "/boot");
        publish(snapshot(1, Map.of(), server("web-1")));
        openAndAttach("web-1", "range=1h");
        awaitUi(() -> assertThat(diskSeries()).hasSize(6));
        List<String> names = diskSeries();
        List<String> colours = view.panels().get(Chart.DISK_USAGE).apexChart().getColors();
        assertThat(colours)
                .as("colours set by the app, not ApexCharts' repeating five")
                .isNotNull();
        assertThat(new java.util.HashSet<>(colours)).hasSize(6);
        Map<String, String> byName = new java.util.HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byName.put(names.get(i), colours.get(i));
        }

        mounts = List.of("/boot", "/home", "/srv", "/", "/data", "/var");
        view.presetButtons().get(TimeWindow.Preset.D7).click();
        awaitSevenDaysDrawn();
        awaitUi(() -> {
            List<String> now = diskSeries();
            List<String> nowColours =
                    view.panels().get(Chart.DISK_USAGE).apexChart().getColors();
            assertThat(nowColours).isNotNull().hasSize(6);
            for (int i = 0; i < now.size(); i++) {
                assertThat(nowColours.get(i)).as(now.get(i)).isEqualTo(byName.get(now.get(i)));
            }
        });
    }
}
