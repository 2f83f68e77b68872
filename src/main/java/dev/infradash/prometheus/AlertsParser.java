package dev.infradash.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Turns the {@code data} object of /api/v1/alerts into {@link Alert}s. */
final class AlertsParser {

    private AlertsParser() {}

    static List<Alert> parse(JsonNode data, List<String> warnings) {
        JsonNode alerts = data.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw new MalformedResponseException("'alerts' is not an array");
        }
        List<Alert> list = new ArrayList<>();
        for (JsonNode alert : alerts) {
            list.add(new Alert(
                    strings(alert.get("labels"), "labels"),
                    strings(alert.get("annotations"), "annotations"),
                    alert.path("state").asText(""),
                    activeAt(alert.get("activeAt")),
                    alert.has("value") ? QueryResponseParser.value(alert.get("value")) : Double.NaN));
        }
        return list;
    }

    private static Map<String, String> strings(JsonNode node, String what) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new MalformedResponseException("alert '" + what + "' is not an object");
        }
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static @Nullable Instant activeAt(JsonNode node) {
        if (node == null || node.isNull() || node.asText().isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new MalformedResponseException("bad activeAt '" + node.asText() + "'");
        }
    }
}
