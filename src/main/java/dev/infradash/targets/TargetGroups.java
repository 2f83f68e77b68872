package dev.infradash.targets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between the editing model and the file_sd target groups: one group per exporter, each
 * carrying all of its server's labels, so {@link TargetFile} reads back exactly what was written.
 */
final class TargetGroups {

    private final ObjectMapper json;
    private final TargetFile reader;

    TargetGroups(ObjectMapper json) {
        this.json = json;
        this.reader = new TargetFile(json);
    }

    /**
     * The file content for {@code servers}. Checked against a codec bug before it is returned:
     * the collector must read back exactly what the editor saved.
     */
    byte[] write(List<ServerDefinition> servers) {
        byte[] bytes = encode(servers);
        try {
            List<ServerDefinition> reread =
                    read(reader.parse(new String(bytes, StandardCharsets.UTF_8), "the new targets file"));
            if (!reread.equals(servers)) {
                throw new IllegalStateException("the targets file would not read back as saved: " + reread);
            }
        } catch (InvalidTargetFileException e) {
            throw new IllegalStateException("the targets file would not read back as saved: " + e.getMessage(), e);
        }
        return bytes;
    }

    private byte[] encode(List<ServerDefinition> servers) {
        ArrayNode groups = json.createArrayNode();
        for (ServerDefinition server : servers) {
            for (ExporterDefinition exporter : server.exporters()) {
                ObjectNode group = groups.addObject();
                group.putArray("targets").add(exporter.address());
                ObjectNode labels = group.putObject("labels");
                labels.put(TargetFile.SERVER_LABEL, server.id());
                if (!server.role().isEmpty()) {
                    labels.put(TargetFile.ROLE_LABEL, server.role());
                }
                labels.put(TargetFile.EXPORTER_LABEL, exporter.kind().label());
                if (!server.displayName().equals(server.id())) {
                    labels.put(TargetFile.NAME_LABEL, server.displayName());
                }
                if (!exporter.scheme().equals(ExporterDefinition.DEFAULT_SCHEME)) {
                    labels.put(TargetFile.SCHEME_LABEL, exporter.scheme());
                }
                if (!exporter.metricsPath().equals(ExporterDefinition.DEFAULT_METRICS_PATH)) {
                    labels.put(TargetFile.METRICS_PATH_LABEL, exporter.metricsPath());
                }
                server.extraLabels().forEach(labels::put);
            }
            for (ServiceCheck check : server.services()) {
                ObjectNode group = groups.addObject();
                group.putArray("targets").add(check.target());
                ObjectNode labels = group.putObject("labels");
                labels.put(TargetFile.SERVER_LABEL, server.id());
                if (!server.role().isEmpty()) {
                    labels.put(TargetFile.ROLE_LABEL, server.role());
                }
                if (!server.displayName().equals(server.id())) {
                    labels.put(TargetFile.NAME_LABEL, server.displayName());
                }
                ServiceGroups.write(check, labels);
                server.extraLabels().forEach(labels::put);
            }
        }
        try {
            return (json.writerWithDefaultPrettyPrinter().writeValueAsString(groups) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a tree of strings always serialises
        }
    }

    /** The editing model of a parsed file; fails for addresses the editor cannot represent (no port). */
    List<ServerDefinition> read(TargetList list) throws InvalidTargetFileException {
        List<ServerDefinition> servers = new ArrayList<>();
        for (MonitoredServer server : list.servers()) {
            List<ExporterDefinition> exporters = new ArrayList<>();
            for (Exporter exporter : server.exporters()) {
                try {
                    exporters.add(ExporterDefinition.fromAddress(
                            exporter.kind(), exporter.address(), exporter.scheme(), exporter.metricsPath()));
                } catch (ValidationException e) {
                    throw new InvalidTargetFileException(
                            "server \"" + server.id() + "\": target \"" + abbreviate(exporter.address())
                                    + "\" is not host:port (" + e.errors().get(0) + ")");
                }
            }
            servers.add(new ServerDefinition(
                    server.id(), server.displayName(), server.role(), exporters, server.labels(), server.services()));
        }
        return servers;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
