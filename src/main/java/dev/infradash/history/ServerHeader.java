package dev.infradash.history;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import dev.infradash.base.Format;
import dev.infradash.base.Links;
import dev.infradash.base.Threshold;
import dev.infradash.base.UiProperties;
import dev.infradash.base.chart.ApexChart;
import dev.infradash.base.chart.Unit;
import dev.infradash.fleet.GpuMetrics;
import dev.infradash.fleet.NodeMetrics;
import dev.infradash.fleet.ServerAlert;
import dev.infradash.fleet.ServerSnapshot;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The top of the detail view: who the server is, how it is now, and what fires. */
class ServerHeader extends Div {

    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("MMM d HH:mm");
    /** The cards' colours for a threshold level (Lumo success, the theme's amber, Lumo error). */
    static final Map<Threshold.Level, String> LEVEL_COLORS = Map.of(
            Threshold.Level.OK, "#158443",
            Threshold.Level.WARNING, "#e0a100",
            Threshold.Level.CRITICAL, "#e22d1b");

    private final UiProperties thresholds;
    private ZoneId zone = ZoneId.of("UTC");

    private final H2 name = new H2();
    private final Span role = new Span();
    private final Span health = new Span();
    private final Span facts = new Span();
    private final Span gpus = new Span();
    private final Div alerts = new Div();
    private final ApexChart cpuGauge = ApexChart.gauge("CPU", Unit.PERCENT);
    private final ApexChart memoryGauge = ApexChart.gauge("Memory", Unit.PERCENT);
    private final ApexChart diskGauge = ApexChart.gauge("Disk /", Unit.PERCENT);
    private @Nullable List<ServerAlert> shownAlerts;
    private @Nullable String silencePath;

    ServerHeader(UiProperties thresholds) {
        this.thresholds = thresholds;
        addClassName("server-header");
        name.addClassName("server-name");
        role.addClassName("server-role");
        health.addClassName("server-health");
        facts.addClassName("server-facts");
        gpus.addClassName("server-gpus");
        alerts.addClassName("alert-list");
        Div title = new Div(name, health, role);
        title.addClassName("server-title-row");
        Div gauges = new Div(cpuGauge, memoryGauge, diskGauge);
        gauges.addClassName("gauges");
        for (ApexChart gauge : List.of(cpuGauge, memoryGauge, diskGauge)) {
            gauge.setHeight("170px");
        }
        add(title, facts, gpus, gauges, alerts);
    }

    void show(ServerSnapshot server, @Nullable Instant now) {
        name.setText(server.displayName());
        role.setText(server.role());
        health.setText(server.health().name());
        health.getElement().getThemeList().clear();
        health.getElement().getThemeList().add("badge");
        health.getElement()
                .getThemeList()
                .add(
                        switch (server.health()) {
                            case UP -> "success";
                            case DOWN -> "error";
                            case UNKNOWN -> "contrast";
                        });
        NodeMetrics node = server.node();
        facts.setText("Up " + Format.uptime(node.uptimeSeconds()) + " · " + Format.number(node.cores(), " cores")
                + " · " + Format.bytes(node.memoryTotalBytes()) + " memory · updated "
                + Format.age(
                        node.cpuBusyPercent() == null
                                ? null
                                : node.cpuBusyPercent().sampledAt(),
                        now));
        gpus.setText(
                server.gpus().isEmpty()
                        ? ""
                        : "GPUs: "
                                + server.gpus().stream()
                                        .map(GpuMetrics::model)
                                        .map(model -> model.isEmpty() ? "GPU" : model)
                                        .collect(Collectors.joining(", ")));
        gauge(cpuGauge, node.cpuBusyPercent(), thresholds.cpu());
        gauge(memoryGauge, node.memoryUsedPercent(), thresholds.memory());
        gauge(diskGauge, node.rootFilesystemUsedPercent(), thresholds.disk());
        showAlerts(server.alerts());
    }

    /** The value, coloured by the same thresholds as the cards' bars. */
    private static void gauge(ApexChart gauge, dev.infradash.base.@Nullable Reading reading, Threshold threshold) {
        if (reading != null) {
            gauge.setGaugeValue(reading.value());
            List<String> color = List.of(LEVEL_COLORS.get(threshold.level(reading.value())));
            if (!color.equals(gauge.getColors())) {
                gauge.setColors(color);
            }
        }
    }

    /**
     * Offers the admin-only "Silence" link to the alert list's silence dialog (by path: history
     * may not import the alerting slice), or no link for null.
     */
    void offerSilence(@Nullable String path) {
        silencePath = path;
        shownAlerts = null; // redraw with or without the link
    }

    /** Alert times in the browser's zone. */
    void setZone(ZoneId browserZone) {
        zone = browserZone;
        shownAlerts = null; // redrawn in this zone at the next show
    }

    private void showAlerts(List<ServerAlert> list) {
        if (list.equals(shownAlerts)) {
            return;
        }
        shownAlerts = list;
        alerts.removeAll();
        alerts.setVisible(!list.isEmpty());
        for (ServerAlert alert : list) {
            Span badge = new Span(alert.severity().isEmpty() ? alert.state() : alert.severity());
            badge.getElement().getThemeList().add("badge");
            badge.getElement()
                    .getThemeList()
                    .add(
                            !alert.firing() || alert.silenced()
                                    ? "contrast"
                                    : alert.severityRank() >= 3 ? "error" : "warning");
            Span text = new Span(alert.name() + " — " + alert.summary() + " (" + alert.state()
                    + (alert.since() == null
                            ? ""
                            : " since " + SINCE.format(alert.since().atZone(zone)))
                    + (alert.silenced() ? "; " + silenced(alert) : "") + ")");
            Div row = new Div(badge, text);
            row.addClassName("alert-row");
            row.setClassName("silenced", alert.silenced());
            row.getElement().setAttribute("data-alert", alert.name());
            alerts.add(row);
        }
        if (silencePath != null && list.stream().anyMatch(alert -> !alert.silenced())) {
            Anchor silence = Links.to(silencePath, "Silence…");
            silence.addClassName("silence-link");
            alerts.add(silence);
        }
    }

    private String silenced(ServerAlert alert) {
        return alert.silencedUntil() == null
                ? "silenced"
                : "silenced until " + SINCE.format(alert.silencedUntil().atZone(zone));
    }
}
