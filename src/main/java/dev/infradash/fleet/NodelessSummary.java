package dev.infradash.fleet;

import dev.infradash.base.Format;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The one line a card shows for a target without node_exporter (Infradash itself, a blackbox or
 * an app's own exporter) instead of CPU, memory and disk dashes that would never fill: whether
 * each of its exporters answers, how long the scrape took, and process uptime and JVM heap where
 * it exports them.
 */
final class NodelessSummary {

    private NodelessSummary() {}

    /** Whether the card should show this instead of node values: no node_exporter, no node values. */
    static boolean applies(ServerSnapshot server) {
        return server.exporterUp("node") == null
                && server.node().cpuBusyPercent() == null
                && server.node().memoryUsedPercent() == null
                && server.gpus().isEmpty()
                && !server.gpuExporterConfigured();
    }

    static String text(ServerSnapshot server, TargetFacts.@Nullable Facts facts) {
        List<String> parts = new ArrayList<>();
        if (server.exporters().isEmpty()) {
            parts.add("Not scraped by Prometheus yet");
        }
        for (ExporterHealth exporter : server.exporters()) {
            parts.add("Exporter " + exporter.job() + " " + (exporter.up() ? "up" : "DOWN"));
        }
        if (facts != null) {
            if (facts.scrapeSeconds() != null) {
                parts.add(String.format(Locale.ROOT, "scrape %.0f ms", facts.scrapeSeconds() * 1000));
            }
            if (facts.heapBytes() != null) {
                parts.add("heap " + Format.bytes(facts.heapBytes())
                        + (facts.heapMaxBytes() == null ? "" : " of " + Format.bytes(facts.heapMaxBytes())));
            }
            if (facts.uptimeSeconds() != null) {
                parts.add("process up " + Format.duration(Duration.ofSeconds(Math.round(facts.uptimeSeconds()))));
            }
        }
        return String.join(" · ", parts);
    }
}
