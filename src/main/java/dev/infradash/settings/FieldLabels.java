package dev.infradash.settings;

import dev.infradash.targets.ExporterDefinition;
import dev.infradash.targets.FieldError;
import dev.infradash.targets.ServerDefinition;

/**
 * A validator's field path ({@code exporters[0].host}) in the words of the form: "Node exporter
 * host". Users never see the JSON paths the validator and the API speak.
 */
final class FieldLabels {

    private FieldLabels() {}

    /** "Display name is too long: …", "Node exporter host: 10.0.0.1:9100 is already …". */
    static String describe(FieldError error, ServerDefinition server) {
        String label = label(error.field(), server);
        String message = error.message();
        // rules word their message to follow the field's name ("is required", "is too long: …")
        return message.startsWith("is ")
                        || message.startsWith("must ")
                        || message.startsWith("has ")
                        || message.startsWith("needs ")
                ? label + " " + message
                : label + ": " + message;
    }

    static String label(String field, ServerDefinition server) {
        String path = field.replaceFirst("^servers\\[\\d+]\\.", "");
        if (path.equals("id")) {
            return "Server id";
        }
        if (path.equals("displayName")) {
            return "Display name";
        }
        if (path.equals("role")) {
            return "Role";
        }
        if (path.startsWith("extraLabels")) {
            return "Extra labels";
        }
        if (path.startsWith("exporters[") && path.contains("]")) {
            int index = parse(path.substring("exporters[".length(), path.indexOf(']')));
            String exporter = index >= 0 && index < server.exporters().size()
                    ? exporterName(server.exporters().get(index), index)
                    : "Exporter";
            String rest = path.substring(path.indexOf(']') + 1);
            return switch (rest) {
                case ".host" -> exporter + " host";
                case ".port" -> exporter + " port";
                case ".kind" -> exporter + " kind";
                case ".scheme" -> exporter + " scheme";
                case ".metricsPath" -> exporter + " metrics path";
                default -> exporter;
            };
        }
        if (path.equals("exporters")) {
            return "Exporters";
        }
        return path;
    }

    private static String exporterName(ExporterDefinition exporter, int index) {
        if (exporter == null || exporter.kind() == null) {
            return "Exporter " + (index + 1);
        }
        return switch (exporter.kind()) {
            case NODE -> "Node exporter";
            case GPU -> "GPU exporter";
            case OTHER -> "Exporter " + (index + 1);
        };
    }

    private static int parse(String number) {
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
