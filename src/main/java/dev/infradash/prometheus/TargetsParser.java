package dev.infradash.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Turns the {@code data} object of /api/v1/targets into {@link ScrapeTarget}s (active ones). */
final class TargetsParser {

    private TargetsParser() {}

    static List<ScrapeTarget> parse(JsonNode data, List<String> warnings) {
        JsonNode active = data.get("activeTargets");
        if (active == null || !active.isArray()) {
            throw new MalformedResponseException("'activeTargets' is not an array");
        }
        List<ScrapeTarget> targets = new ArrayList<>();
        for (JsonNode target : active) {
            double seconds = target.path("lastScrapeDuration").asDouble(0);
            targets.add(new ScrapeTarget(
                    strings(target.get("labels")),
                    strings(target.get("discoveredLabels")),
                    target.path("scrapePool").asText(""),
                    target.path("scrapeUrl").asText(""),
                    target.path("health").asText("unknown"),
                    target.path("lastError").asText(""),
                    lastScrape(target.path("lastScrape").asText("")),
                    Duration.ofNanos((long) (seconds * 1_000_000_000L))));
        }
        return targets;
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        }
        return map;
    }

    /** Prometheus reports "0001-01-01T00:00:00Z" for a target never scraped. */
    private static @Nullable Instant lastScrape(String text) {
        if (text.isEmpty() || text.startsWith("0001-")) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedResponseException("bad lastScrape '" + text + "'");
        }
    }
}
