package dev.infradash.history;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.infradash.base.Texts;
import dev.infradash.base.chart.ChartType;
import dev.infradash.base.chart.Unit;
import dev.infradash.base.chart.ZoomEvent;
import dev.infradash.fleet.ServiceState;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One service check in the detail view: its state and facts from the latest snapshot (state,
 * response time, HTTP status against the expected range, TLS certificate days left with a warning
 * under {@link ServiceState#CERT_WARNING_DAYS} days), its uptime over 24 h, 7 d and 30 d, and two
 * charts over the view's window: the up/down timeline and the response time.
 */
class ServiceCheckRow extends Div {

    static final String NO_PROBES = "No probes in this window yet: a new check, or a window before its first probe.";

    private final Span title = new Span();
    private final Span state = new Span();
    private final Span facts = new Span();
    private final Span uptime = new Span();
    private final ChartPanel timeline;
    private final ChartPanel latency;

    ServiceCheckRow(String name, Consumer<ZoomEvent> onZoom) {
        addClassName("service-check-row");
        getElement().setAttribute("data-service", name);
        Div line = new Div(title, state, facts);
        line.addClassName("service-check");
        uptime.addClassName("service-uptime");
        timeline = new ChartPanel("service-up", "Up/down: " + name, Unit.PERCENT, ChartType.STACKED_AREA, onZoom);
        latency = new ChartPanel("service-latency", "Response time (ms): " + name, Unit.NONE, ChartType.LINE, onZoom);
        Div charts = new Div(timeline, latency);
        charts.addClassName("chart-grid");
        add(line, uptime, charts);
    }

    ChartPanel timeline() {
        return timeline;
    }

    ChartPanel latency() {
        return latency;
    }

    /** The check as the latest snapshot has it. */
    void fill(ServiceState s) {
        Texts.set(title, s.name() + " (" + s.kind() + ") " + s.target());
        Texts.set(state, s.up() == null ? "not probed yet" : s.up() ? "UP" : "DOWN");
        Texts.theme(state.getElement().getThemeList(), "badge");
        Texts.theme(
                state.getElement().getThemeList(),
                s.up() == null ? "contrast" : s.up() ? "success" : "error",
                "contrast",
                "success",
                "error");
        Texts.set(facts, facts(s));
        getChildren().findFirst().ifPresent(line -> {
            line.getElement().getClassList().set("cert-warning", s.certExpiring());
            line.getElement().getClassList().set("service-down", s.down());
        });
        setClassName("cert-warning", s.certExpiring());
        setClassName("service-down", s.down());
    }

    static String facts(ServiceState s) {
        StringBuilder text = new StringBuilder();
        if (s.latencyMs() != null) {
            text.append(String.format(Locale.ROOT, " · %.0f ms", s.latencyMs()));
        }
        if (s.statusCode() != null) {
            text.append(s.statusCode() > 0 ? " · HTTP " + s.statusCode() : " · no HTTP answer");
        }
        if (s.expectStatus() != null) {
            text.append(" (expects ").append(s.expectStatus()).append(')');
        }
        if (s.certExpiresInDays() != null) {
            double days = s.certExpiresInDays();
            text.append(
                    days < 0
                            ? String.format(Locale.ROOT, " · TLS certificate expired %.0f days ago", Math.ceil(-days))
                            : String.format(Locale.ROOT, " · TLS certificate: %.0f days left", Math.floor(days)));
            if (s.certExpiring()) {
                text.append(" — renew it (under ")
                        .append(ServiceState.CERT_WARNING_DAYS)
                        .append(" days)");
            }
        }
        if (s.problem() != null) {
            text.append(" · ").append(s.problem());
        }
        return text.toString().replaceFirst("^ · ", "");
    }

    /** The window's charts and the uptimes, as loaded. */
    void showHistory(ServiceDetails details, String name, TimeWindow window) {
        List<Uptime> uptimes = details.uptime(name);
        Texts.set(
                uptime,
                details.uptimeError() != null
                        ? "Uptime: Prometheus could not answer: " + details.uptimeError()
                        : uptimes.isEmpty()
                                ? "Uptime: no probes held yet"
                                : "Uptime " + uptimes.stream().map(Uptime::text).collect(Collectors.joining(" · ")));
        timeline.show(details.timeline(name), details.chartError(), window, details.step(), NO_PROBES);
        latency.show(details.latency(name), details.chartError(), window, details.step(), NO_PROBES);
    }

    /** A live point from a snapshot: up or down at {@code at}, and the response time. */
    void append(ServiceState s, Instant at) {
        if (s.up() != null) {
            timeline.append(Map.of("up", s.up() ? 100.0 : 0.0, "down", s.up() ? 0.0 : 100.0), at);
        }
        if (s.latencyMs() != null) {
            latency.append(Map.of("response time", s.latencyMs()), at);
        }
    }
}
