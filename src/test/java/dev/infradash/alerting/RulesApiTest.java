package dev.infradash.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * /api/alerting/rules over HTTP with the real security chain: viewers read and get 403 on every
 * write, admin writes are audited and announced, hostile input and a refusing Prometheus leave
 * the rule file, the stored rules and the audit trail as they were.
 */
class RulesApiTest extends RulesApp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = "/api/alerting/rules";

    @Autowired
    ChangeLog changes;

    @Autowired
    RuleRoutes routes;

    private HttpResponse<String> admin(String method, String path, String body) {
        return send("admin", ADMIN_PASSWORD, method, path, body);
    }

    private HttpResponse<String> viewer(String method, String path, String body) {
        return send("viewer", VIEWER_PASSWORD, method, path, body);
    }

    /** The three files a write may touch. */
    private static Map<Path, String> files() throws IOException {
        return Map.of(ruleFile(), read(ruleFile()), storeFile(), read(storeFile()), auditFile(), read(auditFile()));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    @Test
    void theDefaultsAreStoredAndRenderedAtStart() throws IOException {
        assertThat(read(storeFile())).contains("\"target-down\"", "\"gpu-exporter-missing\"");
        assertThat(read(ruleFile())).contains("alert: TargetDown", "infradash_rule: target-down");
    }

    @Test
    void aViewerReadsTheRulesButEveryWriteIs403AndChangesNothing() throws IOException {
        HttpResponse<String> list = viewer("GET", RULES, null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"TargetDown\"", "Exporter down for 1 m");
        Map<Path, String> before = files();

        String body = "{\"name\": \"viewer-rule\", \"condition\": \"down\", \"for\": \"15s\"}";
        assertThat(viewer("POST", RULES, body).statusCode()).isEqualTo(403);
        assertThat(viewer("PUT", RULES + "/target-down", body).statusCode()).isEqualTo(403);
        assertThat(viewer("DELETE", RULES + "/target-down", null).statusCode()).isEqualTo(403);

        assertThat(files()).isEqualTo(before);
    }

    @Test
    void anAdminCreatesTheIssuesExampleWhichIsWrittenReloadedAuditedAndAnnounced() throws IOException {
        int reloads = RELOADS.get();
        int announced = changes.events.size();
        HttpResponse<String> created = admin(
                "POST",
                RULES,
                "{\"name\": \"down-fast\", \"condition\": \"down\", \"for\": \"15s\", \"severity\": \"critical\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("id").asText()).isEqualTo("down-fast");
        assertThat(created.headers().firstValue("Location")).hasValue(RULES + "/down-fast");
        assertThat(read(ruleFile())).contains("alert: down_fast", "infradash_rule: down-fast", "for: 15s");
        assertThat(read(storeFile())).contains("\"down-fast\"");
        assertThat(RELOADS.get()).isGreaterThan(reloads);
        assertThat(changes.events).hasSizeGreaterThan(announced);
        assertThat(routes.routes()).contains(new RuleRoutes.RuleRoute("down-fast", List.of()));
        JsonNode audit = lastAudit();
        assertThat(audit.path("action").asText()).isEqualTo("alert-rule-create");
        assertThat(audit.path("subject").asText()).isEqualTo("rule:down-fast");
        assertThat(audit.path("user").asText()).isEqualTo("admin");
        assertThat(audit.path("after").path("for").asText()).isEqualTo("15s");

        HttpResponse<String> changed = send(
                "admin",
                ADMIN_PASSWORD,
                "PUT",
                RULES + "/down-fast",
                "{\"name\": \"down-fast\", \"condition\": \"down\", \"for\": \"30s\", \"severity\": \"warning\","
                        + " \"channels\": [\"ops\"]}",
                etag(RULES + "/down-fast"));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(read(ruleFile())).contains("for: 30s");
        assertThat(routes.routes()).contains(new RuleRoutes.RuleRoute("down-fast", List.of("ops")));
        assertThat(lastAudit().path("action").asText()).isEqualTo("alert-rule-update");
        assertThat(lastAudit().path("before").path("for").asText()).isEqualTo("15s");

        String version = etag(RULES + "/down-fast");
        assertThat(send("admin", ADMIN_PASSWORD, "DELETE", RULES + "/down-fast", null, version)
                        .statusCode())
                .isEqualTo(204);
        assertThat(read(ruleFile())).doesNotContain("down-fast");
        assertThat(lastAudit().path("action").asText()).isEqualTo("alert-rule-delete");
        assertThat(send("admin", ADMIN_PASSWORD, "DELETE", RULES + "/down-fast", null, version)
                        .statusCode())
                .isEqualTo(404);
    }

    /**
     * Two admins (or a script and the UI) edit one rule: the second write, based on the version
     * both read, used to undo the first one silently. Now it is a 412 and nothing changes; a write
     * without a version is a 428, as on /api/targets.
     */
    @Test
    void aWriteBasedOnAStaleVersionIs412AndOneWithoutAVersionIs428() throws IOException {
        String rule = RULES + "/concurrent";
        assertThat(admin("POST", RULES, "{\"name\": \"concurrent\", \"condition\": \"down\", \"for\": \"1m\"}")
                        .statusCode())
                .isEqualTo(201);
        String read = etag(rule);
        assertThat(read).startsWith("\"").endsWith("\"");

        HttpResponse<String> first = send("admin", ADMIN_PASSWORD, "PUT", rule, ruleLasting("2m"), read);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("ETag")).hasValue(etag(rule)).isNotEqualTo(java.util.Optional.of(read));
        Map<Path, String> afterFirst = files();

        HttpResponse<String> stale = send("admin", ADMIN_PASSWORD, "PUT", rule, ruleLasting("3m"), read);
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
        assertThat(JSON.readTree(stale.body()).path("detail").asText()).contains("changed since that version");
        assertThat(send("admin", ADMIN_PASSWORD, "DELETE", rule, null, read).statusCode())
                .isEqualTo(412);
        HttpResponse<String> blind = admin("PUT", rule, ruleLasting("4m"));
        assertThat(blind.statusCode()).as(blind.body()).isEqualTo(428);
        assertThat(admin("DELETE", rule, null).statusCode()).isEqualTo(428);
        assertThat(send("admin", ADMIN_PASSWORD, "PUT", rule, ruleLasting("4m"), "*")
                        .statusCode())
                .isEqualTo(428);
        assertThat(files()).as("no refused write touched a file").isEqualTo(afterFirst);
        assertThat(JSON.readTree(viewer("GET", rule, null).body()).path("for").asText())
                .isEqualTo("2m");

        String bare = etag(rule).replace("\"", "");
        assertThat(send("admin", ADMIN_PASSWORD, "DELETE", rule, null, bare).statusCode())
                .as("the version unquoted, as a script may send it")
                .isEqualTo(204);
    }

    private static String ruleLasting(String duration) {
        return "{\"name\": \"concurrent\", \"condition\": \"down\", \"for\": \"" + duration + "\"}";
    }

    /** The rule's ETag as GET answers it. */
    private String etag(String path) {
        HttpResponse<String> rule = viewer("GET", path, null);
        assertThat(rule.statusCode()).as(rule.body()).isEqualTo(200);
        return rule.headers().firstValue("ETag").orElseThrow();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "name      | {\"name\": \"x\\\"} or vector(1)\", \"condition\": \"down\", \"for\": \"1m\"}",
                "name      | {\"name\": \"a\\nseverity: none\", \"condition\": \"down\", \"for\": \"1m\"}",
                "name      | {\"name\": \"{{ $labels.x }}\", \"condition\": \"down\", \"for\": \"1m\"}",
                "threshold | {\"name\": \"t\", \"condition\": \"cpu\", \"threshold\": 1e309, \"for\": \"1m\"}",
                "threshold | {\"name\": \"t\", \"condition\": \"memory\", \"threshold\": 1000000000000, \"for\": \"1m\"}",
                "for       | {\"name\": \"t\", \"condition\": \"down\", \"for\": \"-5m\"}",
                "for       | {\"name\": \"t\", \"condition\": \"down\", \"for\": \"0s\"}",
                "for       | {\"name\": \"t\", \"condition\": \"down\", \"for\": \"100000d\"}",
                "condition | {\"name\": \"t\", \"condition\": \"rm -rf\", \"for\": \"1m\"}",
                "channels  | {\"name\": \"t\", \"condition\": \"down\", \"for\": \"1m\", \"channels\": [\"a b\"]}",
                "scope     | {\"name\": \"t\", \"condition\": \"down\", \"for\": \"1m\", \"scope\": {\"servers\": [\"nope\"]}}",
                "advanced  | {\"name\": \"t\", \"condition\": \"advanced\", \"for\": \"1m\", \"advanced\": \"bogus(up)\"}",
                "rule      | [1, 2]"
            })
    void hostileInputIsRefusedWithTheFieldNamedAndNothingWritten(String field, String body) throws IOException {
        Map<Path, String> before = files();

        HttpResponse<String> refused = admin("POST", RULES, body);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(JSON.readTree(refused.body()).path("errors").findValuesAsText("field"))
                .contains(field);
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void prometheusRefusingTheFileKeepsTheLastGoodOneAndReportsTheReason() throws IOException {
        Map<Path, String> before = files();
        refuseReloads = true;

        HttpResponse<String> refused = admin(
                "POST", RULES, "{\"name\": \"refused\", \"condition\": \"cpu\", \"threshold\": 80, \"for\": \"5m\"}");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(refused.body()).path("detail").asText())
                .contains("last good rule file", "Prometheus refused");
        assertThat(files()).isEqualTo(before);
        assertThat(viewer("GET", RULES, null).body()).doesNotContain("\"refused\"");
    }

    private static JsonNode lastAudit() throws IOException {
        List<String> lines = Files.readAllLines(auditFile());
        return JSON.readTree(lines.get(lines.size() - 1));
    }
}
