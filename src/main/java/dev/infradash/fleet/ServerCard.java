package dev.infradash.fleet;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import dev.infradash.base.Format;
import dev.infradash.base.Links;
import dev.infradash.base.Reading;
import dev.infradash.base.Texts;
import dev.infradash.base.UiProperties;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One server at a glance. Built once and updated in place each cycle, so a push carries only the
 * texts and values that changed, not a new card. A card can show another server too ({@link
 * #show} rebinds it): the overview reuses its cards by position when a search or filter changes
 * which servers are on the page, instead of building ~40 elements per card again (issue 15).
 */
class ServerCard extends Div {

    private final UiProperties thresholds;
    private final boolean admin;
    private final Anchor link;
    private String id;
    private final H3 name = new H3();
    private final Span role = new Span();
    private final Span badge = new Span();
    private final Span alertBadge = new Span();
    private final MetricBar cpu;
    private final MetricBar memory;
    private final MetricBar disk;
    private final Span network = stat("network");
    private final Span diskIo = stat("disk-io");
    private final Span load = stat("load");
    private final Span uptime = stat("uptime");
    private final Div gpuSection = new Div();
    private final Span age = new Span();
    private final Map<String, GpuRow> gpuRows = new LinkedHashMap<>();
    private final Span gpuNote = new Span();
    private final ServiceSummary services = new ServiceSummary();
    /** Each alert's text, in the card: a tooltip cannot be read on a phone. */
    private final AlertLines alertLines;

    private final DiskForecast diskForecast = new DiskForecast();
    private final Sparkline trend = new Sparkline();
    private final Span facts = new Span();

    ServerCard(String id, UiProperties thresholds) {
        this(id, thresholds, false);
    }

    /** @param admin whether to offer the "Silence" link (silences are admin-only writes) */
    ServerCard(String id, UiProperties thresholds, boolean admin) {
        this.thresholds = thresholds;
        this.admin = admin;
        this.id = id;
        this.alertLines = new AlertLines(admin ? Links.silenceServer(id) : null);
        addClassName("server-card");
        getElement().setAttribute("data-server", id);
        // The name is a real link (keyboard, new tabs); CSS stretches its hit area over the whole
        // card, so the card needs no server-side click listener of its own.
        link = Links.to(Links.server(id), "");
        link.add(name);
        link.addClassName("server-link");
        cpu = new MetricBar("CPU", "cpu", thresholds.cpu(), true);
        memory = new MetricBar("Memory", "memory", thresholds.memory(), true);
        disk = new MetricBar("Disk /", "disk", thresholds.disk());
        name.addClassName("server-name");
        role.addClassName("server-role");
        badge.addClassName("server-health");
        alertBadge.addClassName("alert-badge");
        // one grid for name, role and badges: fewer wrapper elements, each ~1 KB per open tab
        Div header = new Div(link, alertBadge, badge, role, services);
        header.addClassName("server-card-header");
        Div stats = new Div(network, diskIo, load, uptime);
        stats.addClassName("server-stats");
        gpuSection.addClassName("gpu-section");
        gpuNote.addClassName("gpu-note");
        gpuSection.add(gpuNote);
        age.addClassName("data-age");
        facts.addClassName("target-facts");
        facts.setVisible(false);
        add(header, alertLines, trend, cpu, memory, disk, stats, facts, gpuSection, age);
        addComponentAtIndex(indexOf(disk) + 1, diskForecast);
    }

    /** The last 15 minutes of CPU and memory (see {@link RecentTrends}). */
    void showTrend(RecentTrends.Trend recent) {
        trend.show(recent);
    }

    /**
     * For a target without node_exporter: this line instead of node values that would stay dashes
     * (see {@link NodelessSummary}); null shows the node values.
     */
    void showFacts(@Nullable String text) {
        boolean nodeless = text != null;
        facts.setVisible(nodeless);
        Texts.set(facts, text == null ? "" : text);
        cpu.setVisible(!nodeless);
        memory.setVisible(!nodeless);
        disk.setVisible(!nodeless);
        network.getParent().ifPresent(row -> row.setVisible(!nodeless));
        setClassName("nodeless", nodeless);
    }

    /** The server this card shows now. */
    String serverId() {
        return id;
    }

    void show(ServerSnapshot server, @Nullable Instant now, boolean prometheusReachable) {
        if (!server.id().equals(id)) {
            id = server.id();
            getElement().setAttribute("data-server", id);
            link.setHref(Links.server(id));
            alertLines.rebind(admin ? Links.silenceServer(id) : null);
        }
        Texts.set(name, server.displayName());
        Texts.set(role, server.role());
        showHealth(server.health());
        showAlerts(server.alerts());
        setClassName("stale", server.stale() || !prometheusReachable);
        setClassName("down", server.health() == Health.DOWN);
        setClassName("service-down", services.show(server.services()));

        NodeMetrics node = server.node();
        cpu.show(node.cpuBusyPercent(), node.cores() == null ? null : Format.number(node.cores(), " cores"));
        memory.show(
                node.memoryUsedPercent(),
                node.memoryTotalBytes() == null ? null : "of " + Format.bytes(node.memoryTotalBytes()));
        disk.show(node.rootFilesystemUsedPercent(), null);
        diskForecast.show(server.filesystems());
        Texts.set(
                network,
                "Net ↓ " + Format.bytesPerSecond(node.networkReceiveBytesPerSecond()) + " ↑ "
                        + Format.bytesPerSecond(node.networkTransmitBytesPerSecond()));
        Texts.set(
                diskIo,
                "Disk r " + Format.bytesPerSecond(node.diskReadBytesPerSecond()) + " w "
                        + Format.bytesPerSecond(node.diskWriteBytesPerSecond()));
        Texts.set(load, "Load " + Format.decimal(node.load1()));
        Texts.set(uptime, "Up " + Format.uptime(node.uptimeSeconds()));
        showGpus(server);
        Texts.set(age, ageText(server, now, prometheusReachable));
    }

    private void showHealth(Health health) {
        Texts.set(badge, health.name());
        Texts.theme(badge.getElement().getThemeList(), "badge");
        Texts.theme(
                badge.getElement().getThemeList(),
                switch (health) {
                    case UP -> "success";
                    case DOWN -> "error";
                    case UNKNOWN -> "contrast";
                },
                "success",
                "error",
                "contrast");
    }

    /**
     * Firing alerts as a count in the colour of the worst; pending ones only when nothing fires;
     * silenced ones muted, never red: someone has already taken them on.
     */
    private void showAlerts(List<ServerAlert> all) {
        alertLines.show(all);
        List<ServerAlert> alerts =
                all.stream().filter(alert -> !alert.silenced()).toList();
        boolean onlySilenced = alerts.isEmpty() && !all.isEmpty();
        alertBadge.setClassName("silenced", onlySilenced);
        if (onlySilenced) {
            alertBadge.setVisible(true);
            Texts.set(alertBadge, all.size() + " silenced");
            Texts.theme(alertBadge.getElement().getThemeList(), "badge");
            Texts.theme(alertBadge.getElement().getThemeList(), "contrast", "contrast", "error", "warning");
            alertBadge.getElement().setAttribute("data-severity", "silenced");
            alertBadge.getElement().setAttribute("title", AlertLines.silencedHint(all));
            return;
        }
        List<ServerAlert> firing = alerts.stream().filter(ServerAlert::firing).toList();
        List<ServerAlert> shown = firing.isEmpty() ? alerts : firing;
        alertBadge.setVisible(!shown.isEmpty());
        if (shown.isEmpty()) {
            return;
        }
        int worst = shown.stream().mapToInt(ServerAlert::severityRank).max().orElse(1);
        Texts.set(
                alertBadge,
                firing.isEmpty()
                        ? shown.size() + " pending"
                        : shown.size() + (shown.size() == 1 ? " alert" : " alerts"));
        Texts.theme(alertBadge.getElement().getThemeList(), "badge");
        Texts.theme(
                alertBadge.getElement().getThemeList(),
                firing.isEmpty() ? "contrast" : worst >= 3 ? "error" : "warning",
                "contrast",
                "error",
                "warning");
        alertBadge
                .getElement()
                .setAttribute(
                        "data-severity",
                        firing.isEmpty()
                                ? "pending"
                                : shown.stream()
                                        .max(java.util.Comparator.comparingInt(ServerAlert::severityRank))
                                        .orElseThrow()
                                        .severity());
        alertBadge
                .getElement()
                .setAttribute(
                        "title",
                        String.join(
                                "\n",
                                shown.stream()
                                        .map(alert -> alert.state() + ": " + alert.summary())
                                        .toList()));
    }

    private void showGpus(ServerSnapshot server) {
        gpuSection.setVisible(server.gpuExporterConfigured() || !server.gpus().isEmpty());
        List<String> uuids = server.gpus().stream().map(GpuMetrics::uuid).toList();
        if (!uuids.equals(List.copyOf(gpuRows.keySet()))) {
            gpuSection.removeAll();
            gpuRows.clear();
            for (String uuid : uuids) {
                GpuRow row = new GpuRow(uuid, thresholds);
                gpuRows.put(uuid, row);
                gpuSection.add(row);
            }
            gpuSection.add(gpuNote);
        }
        server.gpus()
                .forEach(gpu -> Objects.requireNonNull(gpuRows.get(gpu.uuid()), "a row per GPU")
                        .show(gpu));
        Texts.set(gpuNote, GpuNotes.note(server).orElse(""));
        gpuNote.setVisible(!gpuNote.getText().isEmpty());
    }

    private static String ageText(ServerSnapshot server, @Nullable Instant now, boolean prometheusReachable) {
        Reading any = server.node().cpuBusyPercent() != null
                ? server.node().cpuBusyPercent()
                : server.node().memoryUsedPercent();
        String updated = "Updated " + Format.age(any == null ? null : any.sampledAt(), now);
        if (!prometheusReachable) {
            return updated + " · Prometheus unreachable";
        }
        if (server.health() == Health.DOWN) {
            return updated + " · exporter down";
        }
        return updated;
    }

    private static Span stat(String name) {
        Span span = new Span();
        span.addClassName("stat");
        span.getElement().setAttribute("data-stat", name);
        return span;
    }
}
