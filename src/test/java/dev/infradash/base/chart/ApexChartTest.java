package dev.infradash.base.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import dev.infradash.testsupport.KaribuTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the component sends to the browser, read from the UI's pending JavaScript invocations. */
class ApexChartTest extends KaribuTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CALL = Pattern.compile("\\$0\\.(\\w+)\\(");

    record JsCall(String function, JsonNode argument) {}

    /** Runs what would run before the next response and returns the element calls it queued. */
    private static List<JsCall> roundtrip(ApexChart chart) {
        UI ui = UI.getCurrent();
        ui.getInternals().getStateTree().runExecutionsBeforeClientResponse();
        List<JsCall> calls = new ArrayList<>();
        ui.getInternals().dumpPendingJavaScriptInvocations().forEach(pending -> {
            var invocation = pending.getInvocation();
            List<Object> params = invocation.getParameters();
            if (params.isEmpty() || params.get(0) != chart.getElement()) {
                return;
            }
            Matcher m = CALL.matcher(invocation.getExpression());
            assertThat(m.find()).as(invocation.getExpression()).isTrue();
            try {
                calls.add(new JsCall(m.group(1), JSON.readTree((String) params.get(1))));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        return calls;
    }

    private static List<Point> points(long start, int count) {
        List<Point> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            result.add(new Point(start + i * 1000L, (double) i));
        }
        return result;
    }

    @Test
    void attachSendsOneSetOptionsWithSeriesUnitDatetimeAxisAndStackedFlag() {
        ApexChart chart = ApexChart.timeSeries(ChartType.STACKED_AREA, Unit.BYTES_PER_SECOND);
        chart.setSeries(List.of(
                new Series("rx", points(1_000, 3)),
                new Series("tx", List.of(new Point(1_000, null), new Point(2_000, 5.5)))));
        chart.setYRange(0.0, null);
        chart.setXRange(Instant.ofEpochMilli(500), null);
        chart.setColors(List.of("#1676f3", "rgb(10, 20, 30)"));
        UI.getCurrent().add(chart);

        List<JsCall> calls = roundtrip(chart);
        assertThat(calls).extracting(JsCall::function).containsExactly("setOptions");
        JsonNode options = calls.get(0).argument();
        assertThat(options.at("/chart/type").asText()).isEqualTo("area");
        assertThat(options.at("/chart/stacked").asBoolean()).isTrue();
        assertThat(options.at("/chart/redrawOnParentResize").asBoolean()).isTrue();
        assertThat(options.at("/chart/zoom/enabled").asBoolean()).isTrue();
        assertThat(options.at("/chart/toolbar/tools/reset").asBoolean()).isTrue();
        assertThat(options.at("/xaxis/type").asText()).isEqualTo("datetime");
        assertThat(options.at("/xaxis/min").asLong()).isEqualTo(500);
        assertThat(options.at("/xaxis").has("max"))
                .as("null = automatic, so absent")
                .isFalse();
        assertThat(options.at("/yaxis/0/min").asDouble()).isEqualTo(0.0);
        assertThat(options.at("/infradash/unit").asText()).isEqualTo("BYTES_PER_SECOND");
        assertThat(options.at("/infradash/kind").asText()).isEqualTo("TIME_SERIES");
        assertThat(options.at("/colors").toString()).isEqualTo("[\"#1676f3\",\"rgb(10, 20, 30)\"]");
        assertThat(options.at("/series/0/name").asText()).isEqualTo("rx");
        assertThat(options.at("/series/0/data").toString()).isEqualTo("[[1000,0.0],[2000,1.0],[3000,2.0]]");
        assertThat(options.at("/series/1/data").toString()).as("null is a gap").isEqualTo("[[1000,null],[2000,5.5]]");

        assertThat(roundtrip(chart)).as("nothing more without changes").isEmpty();
    }

    @Test
    void lineChartIsNotStacked() throws Exception {
        JsonNode options =
                JSON.readTree(ApexChart.timeSeries(ChartType.LINE, Unit.PERCENT).optionsJson());
        assertThat(options.at("/chart/type").asText()).isEqualTo("line");
        assertThat(options.at("/chart/stacked").asBoolean()).isFalse();
        assertThat(options.at("/infradash/unit").asText()).isEqualTo("PERCENT");
    }

    @Test
    void severalOptionChangesInOneRoundtripSendOneSetOptions() {
        ApexChart chart = ApexChart.timeSeries(ChartType.LINE, Unit.WATTS);
        UI.getCurrent().add(chart);
        roundtrip(chart);
        chart.setYRange(0.0, 500.0);
        chart.setXRange(Instant.ofEpochMilli(1), Instant.ofEpochMilli(2));
        chart.setColors(List.of("red"));
        List<JsCall> calls = roundtrip(chart);
        assertThat(calls).extracting(JsCall::function).containsExactly("setOptions");
        assertThat(calls.get(0).argument().at("/yaxis/0/max").asDouble()).isEqualTo(500.0);
        assertThat(calls.get(0).argument().at("/xaxis/max").asLong()).isEqualTo(2);
    }

    @Test
    void appendPointsSendsOnlyTheNewPointsAndDropsOldOnes() {
        ApexChart chart = ApexChart.timeSeries(ChartType.LINE, Unit.PERCENT);
        chart.setSeries(List.of(new Series("cpu", points(0, 10)), new Series("mem", points(0, 10))));
        UI.getCurrent().add(chart);
        roundtrip(chart);

        chart.appendPoints(
                Map.of("cpu", List.of(new Point(10_000, 42.0), new Point(5_000, 1.0))), Duration.ofSeconds(5));

        List<JsCall> calls = roundtrip(chart);
        assertThat(calls).extracting(JsCall::function).containsExactly("appendPoints");
        JsonNode append = calls.get(0).argument();
        assertThat(append.at("/retentionMillis").asLong()).isEqualTo(5000);
        assertThat(append.at("/series").size()).isEqualTo(1);
        assertThat(append.at("/series/0/name").asText()).isEqualTo("cpu");
        assertThat(append.at("/series/0/data").toString())
                .as("only the new point; the older-than-last one is ignored")
                .isEqualTo("[[10000,42.0]]");
        assertThat(chart.getSeries())
                .extracting(s -> s.points().get(0).epochMillis())
                .as("retention 5 s before the newest point (10 s)")
                .containsExactly(5_000L, 5_000L);
        assertThat(chart.getSeries().get(0).points()).hasSize(6);
    }

    @Test
    void setSeriesSendsUpdateSeriesOnly() {
        ApexChart chart = ApexChart.timeSeries(ChartType.LINE, Unit.BYTES);
        UI.getCurrent().add(chart);
        roundtrip(chart);
        chart.setSeries(List.of(new Series("a", points(0, 2))));
        List<JsCall> calls = roundtrip(chart);
        assertThat(calls).extracting(JsCall::function).containsExactly("updateSeries");
        assertThat(calls.get(0).argument().toString()).isEqualTo("[{\"name\":\"a\",\"data\":[[0,0.0],[1000,1.0]]}]");
    }

    @Test
    void changesWhileDetachedAreSentOnceOnAttachAndAgainOnReattach() {
        ApexChart chart = ApexChart.timeSeries(ChartType.LINE, Unit.PERCENT);
        Div holder = new Div(chart);
        UI.getCurrent().add(holder);
        roundtrip(chart);
        holder.remove(chart);
        chart.appendPoints(Map.of("cpu", points(0, 3)), null);
        chart.setYRange(0.0, 100.0);
        assertThat(roundtrip(chart)).isEmpty();

        holder.add(chart);
        List<JsCall> calls = roundtrip(chart);
        assertThat(calls).extracting(JsCall::function).containsExactly("setOptions");
        assertThat(calls.get(0).argument().at("/series/0/data").size()).isEqualTo(3);
    }

    @Test
    void hostileSeriesNamesStayJsonData() {
        String hostile = "x\"); alert(1); (\"</script><script>alert(2)</script>\\'\\\\\u2028";
        ApexChart chart = ApexChart.timeSeries(ChartType.LINE, Unit.NONE);
        chart.setSeries(List.of(new Series(hostile, points(0, 1))));
        UI.getCurrent().add(chart);

        var pendingBefore = UI.getCurrent().getInternals();
        pendingBefore.getStateTree().runExecutionsBeforeClientResponse();
        var invocation = pendingBefore.dumpPendingJavaScriptInvocations().stream()
                .map(p -> p.getInvocation())
                .filter(i -> i.getExpression().contains("setOptions"))
                .findFirst()
                .orElseThrow();
        assertThat(invocation.getExpression())
                .as("the expression is fixed code, data goes in parameters")
                .doesNotContain("alert")
                .doesNotContain("script");
        String json = (String) invocation.getParameters().get(1);
        try {
            assertThat(JSON.readTree(json).at("/series/0/name").asText()).isEqualTo(hostile);
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        chart.appendPoints(Map.of(hostile, List.of(new Point(5_000, 1.0))), Duration.ofMinutes(1));
        List<JsCall> calls = roundtrip(chart);
        assertThat(calls.get(0).argument().at("/series/0/name").asText()).isEqualTo(hostile);
    }

    @Test
    void nanIsAGapAndBadColoursAreRefused() {
        assertThat(new Point(1, Double.NaN).value()).isNull();
        assertThat(new Point(1, Double.POSITIVE_INFINITY).value()).isNull();
        ApexChart chart = ApexChart.timeSeries(ChartType.LINE, Unit.NONE);
        assertThatThrownBy(() -> chart.setColors(List.of("red\" onload=\"x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> chart.setGaugeValue(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void gaugeSendsRadialBarWithValueUnitAndScale() {
        ApexChart gauge = ApexChart.gauge("GPU temperature", Unit.CELSIUS);
        gauge.setYRange(0.0, 120.0);
        gauge.setGaugeValue(61);
        UI.getCurrent().add(gauge);
        List<JsCall> calls = roundtrip(gauge);
        assertThat(calls).extracting(JsCall::function).containsExactly("setOptions");
        JsonNode options = calls.get(0).argument();
        assertThat(options.at("/chart/type").asText()).isEqualTo("radialBar");
        assertThat(options.at("/labels/0").asText()).isEqualTo("GPU temperature");
        assertThat(options.at("/infradash/kind").asText()).isEqualTo("GAUGE");
        assertThat(options.at("/infradash/unit").asText()).isEqualTo("CELSIUS");
        assertThat(options.at("/infradash/gaugeValue").asDouble()).isEqualTo(61.0);
        assertThat(options.at("/infradash/gaugeMax").asDouble()).isEqualTo(120.0);
        assertThatThrownBy(() -> gauge.setSeries(List.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void zoomEventFromTheBrowserReachesListeners() {
        ApexChart chart = ApexChart.timeSeries(ChartType.LINE, Unit.PERCENT);
        UI.getCurrent().add(chart);
        List<ZoomEvent> received = new ArrayList<>();
        chart.addZoomListener(received::add);
        ComponentUtil.fireEvent(chart, new ZoomEvent(chart, true, 1_795_780_800_000d, 1_795_780_860_000d));
        assertThat(received).singleElement().satisfies(e -> {
            assertThat(e.min()).isEqualTo(Instant.parse("2026-11-27T12:00:00Z"));
            assertThat(e.max()).isEqualTo(Instant.parse("2026-11-27T12:01:00Z"));
        });
    }
}
