package dev.infradash.settings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a change of the server list did, in words, from the audit record's before and after lists:
 * "gpu-01: + GPU exporter 10.0.0.9:9400" instead of "gpu-01 → gpu-01" (issue 15). Generic over the
 * fields, so a field added to the server definition later is described without a change here.
 */
final class ServerChanges {

    private static final int SHOWN_VALUE_LENGTH = 60;
    private static final Map<String, String> NAMES = Map.of(
            "id", "id",
            "displayName", "name",
            "role", "role",
            "exporters", "exporter",
            "extraLabels", "label");

    private ServerChanges() {}

    /** Servers added, removed and changed between two lists; an update of one server may rename it. */
    static String between(JsonNode before, JsonNode after) {
        Map<String, JsonNode> old = byId(before);
        Map<String, JsonNode> now = byId(after);
        if (old.size() == 1 && now.size() == 1 && !old.keySet().equals(now.keySet())) {
            JsonNode was = old.values().iterator().next();
            JsonNode is = now.values().iterator().next();
            return id(is) + ": " + fields(was, is);
        }
        List<String> parts = new ArrayList<>();
        old.forEach((id, server) -> {
            JsonNode changed = now.get(id);
            if (changed == null) {
                parts.add("− " + id);
            } else if (!changed.equals(server)) {
                parts.add(id + ": " + fields(server, changed));
            }
        });
        now.keySet().stream().filter(id -> !old.containsKey(id)).forEach(id -> parts.add("+ " + id));
        return parts.isEmpty() ? "no change" : String.join("; ", parts);
    }

    /** Field by field: "role web → db, + GPU exporter 10.0.0.9:9400, − label rack=1". */
    static String fields(JsonNode before, JsonNode after) {
        Set<String> names = new LinkedHashSet<>();
        before.fieldNames().forEachRemaining(names::add);
        after.fieldNames().forEachRemaining(names::add);
        List<String> changes = new ArrayList<>();
        for (String name : names) {
            JsonNode was = before.path(name);
            JsonNode is = after.path(name);
            if (was.equals(is)) {
                continue;
            }
            String label = NAMES.getOrDefault(name, name);
            if (was.isArray() || is.isArray()) {
                List<String> old = elements(was, name);
                List<String> now = elements(is, name);
                old.stream().filter(e -> !now.contains(e)).forEach(e -> changes.add("− " + e));
                now.stream().filter(e -> !old.contains(e)).forEach(e -> changes.add("+ " + e));
            } else if (was.isObject() || is.isObject()) {
                entries(was, is, label, changes);
            } else {
                changes.add(label + " " + shown(was) + " → " + shown(is));
            }
        }
        return changes.isEmpty() ? "no change" : String.join(", ", changes);
    }

    private static void entries(JsonNode was, JsonNode is, String label, List<String> changes) {
        Map<String, String> old = strings(was);
        Map<String, String> now = strings(is);
        old.forEach((key, value) -> {
            if (!now.containsKey(key)) {
                changes.add("− " + label + " " + key + "=" + value);
            } else if (!now.get(key).equals(value)) {
                changes.add(label + " " + key + " " + value + " → " + now.get(key));
            }
        });
        now.forEach((key, value) -> {
            if (!old.containsKey(key)) {
                changes.add("+ " + label + " " + key + "=" + value);
            }
        });
    }

    private static List<String> elements(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element(element, field)));
        return texts;
    }

    /** An exporter by kind and address (scheme and path when not the defaults); anything else as JSON. */
    private static String element(JsonNode element, String field) {
        if (element.has("host") && element.has("port")) {
            String kind = element.path("kind").asText("");
            String name = switch (kind.toUpperCase(java.util.Locale.ROOT)) {
                case "NODE" -> "node exporter";
                case "GPU" -> "GPU exporter";
                default -> "exporter";
            };
            String scheme = element.path("scheme").asText("http");
            String path = element.path("metricsPath").asText("/metrics");
            String address = abbreviate(
                    element.path("host").asText() + ":" + element.path("port").asText());
            return name + " " + ("http".equals(scheme) ? "" : scheme + "://") + address
                    + ("/metrics".equals(path) ? "" : abbreviate(path));
        }
        return NAMES.getOrDefault(field, field) + " " + shown(element);
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            map.put(abbreviate(entry.getKey()), shown(entry.getValue()));
        }
        return map;
    }

    private static Map<String, JsonNode> byId(JsonNode servers) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        servers.forEach(server -> map.put(id(server), server));
        return map;
    }

    private static String id(JsonNode server) {
        return abbreviate(server.path("id").asText());
    }

    private static String shown(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "(none)";
        }
        String text = value.isValueNode() ? value.asText() : value.toString();
        return text.isEmpty() ? "(empty)" : abbreviate(text);
    }

    private static String abbreviate(String text) {
        return text.length() <= SHOWN_VALUE_LENGTH ? text : text.substring(0, SHOWN_VALUE_LENGTH) + "…";
    }
}
