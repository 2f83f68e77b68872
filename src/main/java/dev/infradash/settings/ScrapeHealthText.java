package dev.infradash.settings;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.infradash.base.Format;
import dev.infradash.targets.ExporterDefinition;
import dev.infradash.targets.ScrapeHealth;
import dev.infradash.targets.ScrapeStatus;
import dev.infradash.targets.ServerDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** What Prometheus says of each exporter, in words, for the server grid and the pickup line. */
final class ScrapeHealthText {

    private ScrapeHealthText() {}

    /** What the pickup line says of a server just saved, and whether Prometheus scrapes it now. */
    record Pickup(String text, boolean scraped) {}

    static String key(String serverId, ExporterDefinition exporter) {
        return serverId + " " + exporter.address();
    }

    static String describe(ScrapeHealth.Snapshot read, String serverId, ExporterDefinition exporter) {
        if (read.error() != null) {
            return "Prometheus unreachable";
        }
        return read.find(serverId, exporter.address())
                .map(target -> {
                    if (target.lastScrape() == null) {
                        return "not scraped yet";
                    }
                    String age = Format.duration(Duration.between(target.lastScrape(), Instant.now())) + " ago";
                    return target.health() + " · " + age + " · "
                            + (target.lastScrapeDuration() == null
                                    ? "?"
                                    : target.lastScrapeDuration().toMillis())
                            + " ms" + (target.lastError().isEmpty() ? "" : " · " + target.lastError());
                })
                .orElse("not in Prometheus yet");
    }

    static Pickup pickup(ScrapeHealth.Snapshot read, ServerDefinition server) {
        List<ScrapeStatus> found = server.exporters().stream()
                .map(exporter -> read.find(server.id(), exporter.address()).orElse(null))
                .filter(Objects::nonNull)
                .toList();
        if (found.size() < server.exporters().size()) {
            return new Pickup("Saved " + server.id() + ". Waiting for Prometheus to pick it up…", false);
        }
        if (found.stream().anyMatch(t -> t.lastScrape() == null)) {
            return new Pickup("Prometheus has picked up " + server.id() + "; waiting for its first scrape…", false);
        }
        return new Pickup(
                "Prometheus scrapes " + server.id() + ": "
                        + found.stream()
                                .map(t -> t.job() + " " + t.health()
                                        + (t.lastError().isEmpty() ? "" : " (" + t.lastError() + ")"))
                                .collect(Collectors.joining(", "))
                        + ". The overview shows it from its next cycle.",
                true);
    }

    static Div exporterCell(ServerDefinition server, Map<String, String> health) {
        Div cell = new Div();
        cell.addClassName("exporter-cell");
        for (ExporterDefinition exporter : server.exporters()) {
            String state = health.getOrDefault(key(server.id(), exporter), "…");
            Span line = new Span(exporter.kind().label() + " " + exporter.scheme() + "://" + exporter.address()
                    + exporter.metricsPath() + " — " + state);
            line.addClassName(
                    state.startsWith("up") ? "scrape-up" : state.startsWith("down") ? "scrape-down" : "scrape-other");
            line.getElement().setAttribute("data-exporter", exporter.address());
            cell.add(line);
        }
        return cell;
    }
}
