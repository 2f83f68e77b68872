package dev.infradash.targets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The REST API's server shape: {@code {"id", "displayName", "role", "exporters": [{"kind", "host",
 * "port", "scheme", "metricsPath"}], "labels": {}}}, exactly what GET returns and PUT accepts.
 * Read by hand from the JSON tree rather than bound by Jackson, so that every wrong type or unknown
 * field is reported with its path ({@code exporters[0].port}) next to the validator's findings,
 * instead of one parser exception about the first problem.
 */
final class ServerJson {

    private static final Set<String> SERVER_FIELDS =
            Set.of("id", "displayName", "role", "exporters", "labels", "services");
    private static final Set<String> EXPORTER_FIELDS = Set.of("kind", "host", "port", "scheme", "metricsPath");
    private static final int NO_PORT = 0;

    private ServerJson() {}

    /** A server as GET returns it. */
    record Server(
            String id,
            String displayName,
            String role,
            List<Exporter> exporters,
            Map<String, String> labels,
            List<ServiceJson.Service> services) {

        static Server of(ServerDefinition server) {
            return new Server(
                    server.id(),
                    server.displayName(),
                    server.role(),
                    server.exporters().stream().map(Exporter::of).toList(),
                    server.extraLabels(),
                    server.services().stream().map(ServiceJson.Service::of).toList());
        }
    }

    record Exporter(String kind, String host, int port, String scheme, String metricsPath) {

        static Exporter of(ExporterDefinition exporter) {
            return new Exporter(
                    exporter.kind().label(),
                    exporter.host(),
                    exporter.port(),
                    exporter.scheme(),
                    exporter.metricsPath());
        }
    }

    /** The list as GET /api/targets returns it. */
    record Targets(String version, List<Server> servers) {}

    /**
     * The server a request body describes.
     *
     * @throws ValidationException naming every field of the API's shape that has a wrong type, is
     *                             unknown, or breaks a rule of the server on its own
     */
    static ServerDefinition read(JsonNode body, TargetValidator validator) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new ValidationException(List.of(new FieldError("server", "must be a JSON object")));
        }
        unknownFields(body, SERVER_FIELDS, "", errors);
        String id = text(body, "id", "", errors);
        String displayName = text(body, "displayName", "", errors);
        String role = text(body, "role", "", errors);
        List<ExporterDefinition> exporters = exporters(body.get("exporters"), errors);
        Map<String, String> labels = labels(body.get("labels"), errors);
        List<ServiceCheck> services = ServiceJson.read(body.get("services"), errors);
        ServerDefinition server =
                new ServerDefinition(id, displayName, role == null ? "" : role, exporters, labels, services);
        if (!errors.isEmpty()) {
            // the rules too, for the fields that could be read: one answer lists everything to fix
            for (FieldError error : validator.validateServer(server)) {
                FieldError named = apiField(error);
                if (errors.stream().noneMatch(e -> named.field().startsWith(e.field()))) {
                    errors.add(named);
                }
            }
            throw new ValidationException(errors);
        }
        return server;
    }

    /** The validator's field, named as the API calls it ({@code extraLabels} is {@code labels} here). */
    static FieldError apiField(FieldError error) {
        return error.field().startsWith("extraLabels")
                ? new FieldError("labels" + error.field().substring("extraLabels".length()), error.message())
                : error;
    }

    @SuppressWarnings("NullAway") // a missing kind or host goes to the validator, which names the field
    private static List<ExporterDefinition> exporters(JsonNode node, List<FieldError> errors) {
        List<ExporterDefinition> exporters = new ArrayList<>();
        if (node == null || node.isNull()) {
            return exporters; // the validator says at least one is needed
        }
        if (!node.isArray()) {
            errors.add(new FieldError("exporters", "must be a JSON array of exporters"));
            return exporters;
        }
        for (int i = 0; i < node.size(); i++) {
            String prefix = "exporters[" + i + "].";
            JsonNode exporter = node.get(i);
            if (!exporter.isObject()) {
                errors.add(new FieldError("exporters[" + i + "]", "must be a JSON object"));
                continue;
            }
            unknownFields(exporter, EXPORTER_FIELDS, prefix, errors);
            String kindText = text(exporter, "kind", prefix, errors);
            ExporterKind kind =
                    kindText == null ? null : ExporterKind.fromLabel(kindText).orElse(null);
            if (kindText != null && kind == null) {
                errors.add(new FieldError(prefix + "kind", "must be node, gpu or other"));
            }
            exporters.add(new ExporterDefinition(
                    kind,
                    text(exporter, "host", prefix, errors),
                    port(exporter.get("port"), prefix + "port", errors),
                    text(exporter, "scheme", prefix, errors),
                    text(exporter, "metricsPath", prefix, errors)));
        }
        return exporters;
    }

    private static int port(JsonNode node, String field, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            errors.add(new FieldError(field, "is required"));
        } else if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            errors.add(new FieldError(field, "must be a number between 1 and 65535"));
        } else {
            return node.intValue();
        }
        return NO_PORT;
    }

    private static Map<String, String> labels(JsonNode node, List<FieldError> errors) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return labels;
        }
        if (!node.isObject()) {
            errors.add(new FieldError("labels", "must be a JSON object of strings"));
            return labels;
        }
        int i = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); i++) {
            Map.Entry<String, JsonNode> label = it.next();
            if (!label.getValue().isTextual()) {
                errors.add(new FieldError("labels[" + i + "].value", "must be a string"));
            }
            labels.put(label.getKey(), label.getValue().asText());
        }
        return labels;
    }

    /**
     * A string field, or null when it is absent (the validator or a default decides). The records
     * built from a request carry what the client sent, nulls included, to the validator, which
     * names every missing field; nothing reads them before validation has passed.
     */
    @SuppressWarnings("NullAway")
    static String text(JsonNode parent, String name, String prefix, List<FieldError> errors) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(prefix + name, "must be a string"));
            return null;
        }
        return node.asText();
    }

    static void unknownFields(JsonNode object, Set<String> known, String prefix, List<FieldError> errors) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                errors.add(new FieldError(
                        prefix + TargetValidator.abbreviate(name),
                        "is not a field here; known are "
                                + String.join(", ", known.stream().sorted().toList())));
            }
        }
    }
}
