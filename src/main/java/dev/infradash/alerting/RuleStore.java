package dev.infradash.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infradash.base.AtomicFile;
import dev.infradash.base.FileOperations;
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
 * API would refuse.
 */
final class RuleStore {

    static final String FILE_NAME = "alert-rules.json";

    private final AtomicFile file;
    private final ObjectMapper json;

    RuleStore(Path dataDir, ObjectMapper json, FileOperations files) {
        this.file = new AtomicFile(dataDir.resolve(FILE_NAME), Clock.systemUTC(), files);
        this.json = json;
    }

    Path path() {
        return file.path();
    }

    boolean exists() {
        return Files.exists(file.path());
    }

    /** The stored rules; the defaults when nothing is stored yet. */
    List<AlertRule> load() throws IOException {
        if (!exists()) {
            return DefaultRules.rules();
        }
        JsonNode root = json.readTree(file.path().toFile());
        List<AlertRule> rules = new ArrayList<>();
        for (JsonNode node : root.path("rules")) {
            String id = node.path("id").asText();
            if (!RuleIds.ID.matcher(id).matches()) {
                throw new IOException("rule with invalid id " + id + " in " + file.path());
            }
            // servers are not checked here: a server removed from the target list leaves the rule watching nothing
            Set<String> servers = new java.util.HashSet<>();
            node.path("scope").path("servers").forEach(s -> servers.add(s.asText()));
            try {
                rules.add(RuleValidator.read(node, id, new RuleValidator.Known(servers, null, Set.of())));
            } catch (InvalidRuleException e) {
                throw new IOException("rule " + id + " in " + file.path() + " is invalid: " + e.getMessage(), e);
            }
        }
        return rules;
    }

    void save(List<AlertRule> rules) throws IOException {
        ObjectNode root = json.createObjectNode();
        var array = root.putArray("rules");
        rules.forEach(rule -> array.add(RuleJson.write(rule, json)));
        file.replace(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }
}
