package dev.infradash.targets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the Prometheus file_sd JSON that lists every monitored exporter. Each target group is one
 * exporter kind of one server; groups with the same {@code server} label form one server.
 * Strict on purpose: a group Prometheus would scrape but Infradash could not place (no server
 * label, unknown exporter kind) is an error, so it is reported instead of silently ignored.
 */
final class TargetFile {

    static final String SERVER_LABEL = "server";
    static final String ROLE_LABEL = "role";
    static final String EXPORTER_LABEL = "__infradash_exporter";
    static final String NAME_LABEL = "__infradash_name";
    static final String SCHEME_LABEL = "__scheme__";
    static final String METRICS_PATH_LABEL = "__metrics_path__";

    /** A list of 1,000 servers with several exporters and labels each is about 2 MiB. */
    static final int MAX_FILE_BYTES = 16 * 1024 * 1024;
    /** 16 times the longest label value the editor saves. */
    static final int MAX_READ_VALUE_LENGTH = 16 * 1024;

    static final int MAX_READ_NAME_LENGTH = 1024;

    private final ObjectMapper json;

    TargetFile(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Reads the file once: its bytes, their version and the servers they declare, or why they
     * cannot be used. The one reader of the file for {@link TargetRegistry} and {@link TargetFileStore}.
     *
     * @throws IOException the file exists but cannot be read (its content is unknown, so no version)
     */
    TargetFileContent load(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                // hashed as a stream: a file of any size costs no memory; the version still
                // changes when the file does
                MessageDigest digest = sha256();
                digest.update(bytes);
                byte[] buffer = new byte[64 * 1024];
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    digest.update(buffer, 0, read);
                }
                return new TargetFileContent(
                        null,
                        HexFormat.of().formatHex(digest.digest()),
                        null,
                        file
                                + " is larger than " + MAX_FILE_BYTES / (1024 * 1024)
                                + " MiB, far more than any server list"
                                + " Infradash saves; Infradash does not read it. Shrink it or move it away");
            }
        } catch (NoSuchFileException e) {
            return TargetFileContent.NO_FILE;
        }
        String version = Versioned.versionOf(bytes);
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return new TargetFileContent(bytes, version, parse(text, file.toString()), null);
        } catch (CharacterCodingException e) {
            return new TargetFileContent(bytes, version, null, file + " is not valid UTF-8");
        } catch (InvalidTargetFileException e) {
            return new TargetFileContent(bytes, version, null, e.getMessage());
        }
    }

    TargetList parse(String content, String source) throws InvalidTargetFileException {
        JsonNode root;
        try {
            root = json.readTree(content);
        } catch (JsonProcessingException e) {
            throw new InvalidTargetFileException(source + " is not valid JSON: " + JsonProblems.describe(e));
        }
        if (root == null
                || root.isMissingNode()
                || (root.isTextual() && root.asText().isBlank())) {
            return TargetList.EMPTY;
        }
        if (!root.isArray()) {
            throw new InvalidTargetFileException(source + " must be a JSON array of target groups");
        }
        Map<String, ServerBuilder> servers = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode group : root) {
            index++;
            String where = source + ", target group " + index;
            if (!group.isObject()) {
                throw new InvalidTargetFileException(where + " is not an object");
            }
            Map<String, String> labels = stringMap(group.get("labels"), where + ": \"labels\"");
            checkLengths(labels, where);
            List<String> addresses = stringList(group.get("targets"), where + ": \"targets\"");
            String id = labels.get(SERVER_LABEL);
            if (id == null || id.isBlank()) {
                throw new InvalidTargetFileException(where + " has no \"server\" label");
            }
            if (ServiceGroups.isService(labels)) {
                ServerBuilder server = servers.computeIfAbsent(id, ServerBuilder::new);
                server.adopt(labels);
                server.services.add(ServiceGroups.read(labels, addresses, where + " (server " + id + ")"));
                continue;
            }
            ExporterKind kind = ExporterKind.fromLabel(labels.getOrDefault(EXPORTER_LABEL, ""))
                    .orElseThrow(() -> new InvalidTargetFileException(where + " (server " + id + ") needs label \""
                            + EXPORTER_LABEL + "\" set to node, gpu or other (or " + ServiceLabels.MARKER
                            + " for a service check)"));
            ServerBuilder server = servers.computeIfAbsent(id, ServerBuilder::new);
            server.adopt(labels);
            for (String address : addresses) {
                server.exporters.add(new Exporter(
                        kind,
                        address,
                        labels.getOrDefault(SCHEME_LABEL, "http"),
                        labels.getOrDefault(METRICS_PATH_LABEL, "/metrics")));
            }
        }
        return new TargetList(
                servers.values().stream().map(ServerBuilder::build).toList());
    }

    /**
     * Bounds far above what the editor saves (so a hand-edited value that breaks the editor's
     * rules is still read, shown and repairable) but low enough that one absurd value (a 19.5 MB
     * display name) is not served in every API answer and every page.
     */
    private static void checkLengths(Map<String, String> labels, String where) throws InvalidTargetFileException {
        String server = labels.getOrDefault(SERVER_LABEL, "");
        String owner = server.length() > MAX_READ_VALUE_LENGTH
                ? ""
                : " (server \"" + TargetValidator.abbreviate(server) + "\")";
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (label.getKey().length() > MAX_READ_NAME_LENGTH) {
                throw new InvalidTargetFileException(where + owner + " has a label name of "
                        + label.getKey().length() + " characters; Infradash reads at most " + MAX_READ_NAME_LENGTH);
            }
            if (label.getValue().length() > MAX_READ_VALUE_LENGTH) {
                throw new InvalidTargetFileException(
                        where + owner + ": label \"" + TargetValidator.abbreviate(label.getKey())
                                + "\" is " + label.getValue().length() + " characters long; Infradash reads at most "
                                + MAX_READ_VALUE_LENGTH + " (and saves at most "
                                + TargetValidator.MAX_LABEL_VALUE_LENGTH + ")");
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static Map<String, String> stringMap(JsonNode node, String where) throws InvalidTargetFileException {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidTargetFileException(where + " must be an object of strings");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isTextual()) {
                throw new InvalidTargetFileException(where + ": label \"" + field.getKey() + "\" must be a string");
            }
            map.put(field.getKey(), field.getValue().asText());
        }
        return map;
    }

    private static List<String> stringList(JsonNode node, String where) throws InvalidTargetFileException {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new InvalidTargetFileException(where + " must be a non-empty array of \"host:port\" strings");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new InvalidTargetFileException(where + " must contain only \"host:port\" strings");
            }
            list.add(item.asText());
        }
        return list;
    }

    /** Collects the groups of one server; the first group that names a role or display name wins. */
    private static final class ServerBuilder {
        private final String id;
        private String role = "";
        private @Nullable String displayName;
        private final List<Exporter> exporters = new ArrayList<>();
        private final List<ServiceCheck> services = new ArrayList<>();
        private final Map<String, String> extraLabels = new LinkedHashMap<>();

        ServerBuilder(String id) {
            this.id = id;
        }

        void adopt(Map<String, String> labels) {
            if (role.isEmpty()) {
                role = labels.getOrDefault(ROLE_LABEL, "");
            }
            if (displayName == null
                    && labels.containsKey(NAME_LABEL)
                    && !labels.get(NAME_LABEL).isBlank()) {
                displayName = labels.get(NAME_LABEL);
            }
            labels.forEach((name, value) -> {
                if (!name.startsWith("__")
                        && !name.equals(SERVER_LABEL)
                        && !name.equals(ROLE_LABEL)
                        && !ServiceGroups.isCheckLabel(name)) {
                    extraLabels.putIfAbsent(name, value);
                }
            });
        }

        MonitoredServer build() {
            return new MonitoredServer(
                    id, displayName == null ? id : displayName, role, exporters, extraLabels, services);
        }
    }
}
