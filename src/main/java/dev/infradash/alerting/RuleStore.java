package dev.infradash.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infradash.base.AtomicFile;
import dev.infradash.base.FileOperations;
import dev.infradash.base.SharedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rule definitions in {@code alert-rules.json} of the data directory, written whole through
 * {@link AtomicFile}. Missing on first start: then it holds the {@link DefaultRules}. Every rule
 * read back passes {@link RuleValidator} again, so a hand-edited file cannot smuggle in what the
 * API would refuse. Another instance may share the file ({@link SharedFile}).
 */
final class RuleStore {

    static final String FILE_NAME = "alert-rules.json";

    private final SharedFile<List<AlertRule>> file;

    RuleStore(Path dataDir, ObjectMapper json, FileOperations files) {
        this.file = new SharedFile<>(
                new AtomicFile(dataDir.resolve(FILE_NAME), Clock.systemUTC(), files),
                path -> read(path, json),
                rules -> write(rules, json));
    }

    Path path() {
        return file.path();
    }

    boolean exists() {
        return Files.exists(file.path());
    }

    /** The stored rules, parsed again only when the file changed (another instance saved); the defaults when none are stored. */
    List<AlertRule> load() throws IOException {
        return file.read();
    }

    /** Against other threads and other instances, for a load-change-install-save. */
    AtomicFile.UpdateLock lock() throws IOException {
        return file.lock();
    }

    /** The caller holds {@link #lock()}. */
    void save(List<AlertRule> rules) throws IOException {
        file.write(List.copyOf(rules));
    }

    private static List<AlertRule> read(Path path, ObjectMapper json) throws IOException {
        if (!Files.exists(path)) {
            return DefaultRules.rules();
        }
        JsonNode root = json.readTree(path.toFile());
        List<AlertRule> rules = new ArrayList<>();
        for (JsonNode node : root.path("rules")) {
            String id = node.path("id").asText();
            if (!RuleIds.ID.matcher(id).matches()) {
                throw new IOException("rule with invalid id " + id + " in " + path);
            }
            // servers are not checked here: a server removed from the target list leaves the rule watching nothing
            Set<String> servers = new java.util.HashSet<>();
            node.path("scope").path("servers").forEach(s -> servers.add(s.asText()));
            try {
                rules.add(RuleValidator.read(node, id, new RuleValidator.Known(servers, null, Set.of())));
            } catch (InvalidRuleException e) {
                throw new IOException("rule " + id + " in " + path + " is invalid: " + e.getMessage(), e);
            }
        }
        return List.copyOf(rules);
    }

    private static byte[] write(List<AlertRule> rules, ObjectMapper json) throws IOException {
        ObjectNode root = json.createObjectNode();
        var array = root.putArray("rules");
        rules.forEach(rule -> array.add(RuleJson.write(rule, json)));
        return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }
}
