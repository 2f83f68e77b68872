package dev.infradash.targets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** /api/targets over real HTTP: the REST face of the Settings view's store (issue 12, item 7). */
class TargetsApiTest extends TargetsApiApp {

    @Autowired
    AuditLog audit;

    private static String server(String id, String host, int port) {
        return """
                {"id": "%s", "displayName": "Storage Server", "role": "storage",
                 "exporters": [{"kind": "node", "host": "%s", "port": %d, "scheme": "http", "metricsPath": "/metrics"}],
                 "labels": {"rack": "a"}, "services": []}""".formatted(id, host, port);
    }

    @Test
    void anAdminAddsReadsReplacesAndDeletesAServer() {
        String version = etag();
        HttpResponse<String> created =
                post("/api/targets/servers", admin(), version, server("storage-server", "10.0.0.7", 9100));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/targets/servers/storage-server");
        String afterAdd = created.headers().firstValue("ETag").orElseThrow();
        assertThat(afterAdd).isNotEqualTo(version).isEqualTo("\"" + Versioned.versionOf(fileBytes()) + "\"");

        HttpResponse<String> list = get("/api/targets", admin());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("ETag")).hasValue(afterAdd);
        JsonNode body = json(list);
        assertThat("\"" + body.get("version").asText() + "\"").isEqualTo(afterAdd);
        JsonNode stored = null;
        for (JsonNode s : body.get("servers")) {
            if (s.get("id").asText().equals("storage-server")) {
                stored = s;
            }
        }
        assertThat(stored).isEqualTo(json(created)).isEqualTo(readTree(server("storage-server", "10.0.0.7", 9100)));

        HttpResponse<String> one = get("/api/targets/servers/storage-server", admin());
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json(one)).isEqualTo(stored);

        // what GET returns, PUT accepts
        String changed = one.body().replace("9100", "9200");
        HttpResponse<String> replaced = put("/api/targets/servers/storage-server", admin(), afterAdd, changed);
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(json(get("/api/targets/servers/storage-server", admin()))
                        .at("/exporters/0/port")
                        .asInt())
                .isEqualTo(9200);

        HttpResponse<String> deleted = delete(
                "/api/targets/servers/storage-server",
                admin(),
                replaced.headers().firstValue("ETag").orElseThrow());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(get("/api/targets/servers/storage-server", admin()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void optionalFieldsTakeTheirDefaults() {
        HttpResponse<String> created = post("/api/targets/servers", admin(), etag(), """
                {"id": "minimal", "displayName": "Minimal", "exporters": [{"kind": "gpu", "host": "10.0.7.1", "port": 9835}]}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(get("/api/targets/servers/minimal", admin()))).isEqualTo(readTree("""
                {"id": "minimal", "displayName": "Minimal", "role": "",
                 "exporters": [{"kind": "gpu", "host": "10.0.7.1", "port": 9835, "scheme": "http", "metricsPath": "/metrics"}],
                 "labels": {}, "services": []}"""));
        assertThat(delete("/api/targets/servers/minimal", admin(), etag()).statusCode())
                .isEqualTo(204);
    }

    @Test
    void servicesTravelBothWaysAndAServerWithChecksOnlyIsAccepted() {
        String nas = """
                {"id": "nas", "displayName": "NAS", "role": "storage", "exporters": [], "labels": {},
                 "services": [{"name": "web", "kind": "http", "target": "https://10.0.9.2:5001/", "keyword": "",
                               "acceptSelfSigned": true, "dnsQuery": "", "expectStatus": "2xx-4xx"},
                              {"name": "ssh", "kind": "tcp", "target": "10.0.9.2:22", "keyword": "",
                               "acceptSelfSigned": false, "dnsQuery": ""}]}""";
        HttpResponse<String> created = post("/api/targets/servers", admin(), etag(), nas);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(get("/api/targets/servers/nas", admin()))).isEqualTo(readTree(nas));
        assertThat(new String(fileBytes(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"__param_module\" : \"http_2xx_4xx_insecure\"", "\"service_kind\" : \"tcp\"");

        byte[] before = fileBytes();
        HttpResponse<String> refused = put("/api/targets/servers/nas", admin(), etag(), """
                {"id": "nas", "displayName": "NAS", "services": [{"name": "web", "kind": "ftp", "target": "x"},
                 {"name": "leak", "kind": "http", "target": "http://u:p@10.0.9.2/", "acceptSelfSigned": "yes"},
                 {"name": "auth", "kind": "http", "target": "http://10.0.9.2/", "expectStatus": "401"},
                 {"name": "ssh", "kind": "tcp", "target": "10.0.9.2:22", "expectStatus": "2xx-3xx"}]}""");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).get("errors"))
                .extracting(error -> error.get("field").asText())
                .contains(
                        "services[0].kind",
                        "services[1].acceptSelfSigned",
                        "services[1].target",
                        "services[2].expectStatus",
                        "services[3].expectStatus");
        assertThat(json(refused).get("errors").toString())
                .as("the choices are named")
                .contains("must be 2xx, 2xx-3xx or 2xx-4xx", "applies only to http checks");
        assertThat(fileBytes()).isEqualTo(before);
        assertThat(delete("/api/targets/servers/nas", admin(), etag()).statusCode())
                .isEqualTo(204);
    }

    @Test
    void everyWriteIsAuditedWithTheUserAndTheAddress() {
        post("/api/targets/servers", admin(), etag(), server("audited", "10.0.1.1", 9100));
        delete("/api/targets/servers/audited", admin(), etag());
        List<AuditEntry> recent = audit.recent(2);
        assertThat(recent)
                .extracting(AuditEntry::action)
                .containsExactlyInAnyOrder(AuditAction.ADD, AuditAction.DELETE);
        assertThat(recent).allSatisfy(entry -> {
            assertThat(entry.user()).isEqualTo("admin");
            assertThat(entry.clientAddress()).isEqualTo("127.0.0.1");
        });
    }

    @Test
    void aStaleVersionIs412AndAMissingOne428AndNothingIsWritten() {
        String version = etag();
        post("/api/targets/servers", admin(), version, server("stale-1", "10.0.2.1", 9100));
        byte[] before = fileBytes();

        HttpResponse<String> stale =
                post("/api/targets/servers", admin(), version, server("stale-2", "10.0.2.2", 9100));
        assertThat(stale.statusCode()).isEqualTo(412);
        assertProblem(stale);
        HttpResponse<String> missing =
                put("/api/targets/servers/stale-1", admin(), null, server("stale-1", "10.0.2.3", 9100));
        assertThat(missing.statusCode()).isEqualTo(428);
        assertProblem(missing);
        assertThat(json(missing).get("detail").asText()).contains("If-Match");
        assertThat(delete("/api/targets/servers/stale-1", admin(), null).statusCode())
                .isEqualTo(428);
        assertThat(delete("/api/targets/servers/stale-1", admin(), "*").statusCode())
                .isEqualTo(428);
        assertThat(fileBytes()).isEqualTo(before);
        assertThat(delete("/api/targets/servers/stale-1", admin(), etag()).statusCode())
                .as("bare version too")
                .isEqualTo(204);
    }

    @Test
    void aRefusedBodyNamesEachFieldAndLeavesTheFileAsItWas() {
        post("/api/targets/servers", admin(), etag(), server("kept", "10.0.3.1", 9100));
        byte[] before = fileBytes();
        HttpResponse<String> refused = post("/api/targets/servers", admin(), etag(), """
                {"id": "Bad Id", "displayName": "x", "exporters": [{"kind": "disk", "host": "10.0.3.1", "port": 70000},
                 {"kind": "node", "host": "10.0.3.2", "port": "http"}], "labels": {"job": "x"}, "colour": "red"}""");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertProblem(refused);
        assertThat(json(refused).get("errors"))
                .extracting(error -> error.get("field").asText())
                .contains(
                        "id",
                        "exporters[0].kind",
                        "exporters[0].port",
                        "exporters[1].port",
                        "labels[0].name",
                        "colour");
        assertThat(json(refused).get("errors"))
                .allSatisfy(error -> assertThat(error.get("message").asText()).isNotBlank());
        assertThat(fileBytes()).isEqualTo(before);

        HttpResponse<String> notJson = post("/api/targets/servers", admin(), etag(), "{\"id\": ");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertProblem(notJson);
        assertThat(fileBytes()).isEqualTo(before);
        delete("/api/targets/servers/kept", admin(), etag());
    }

    @Test
    void aViewerIsRefusedWith403EvenForReading() {
        String viewer = viewer();
        byte[] before = fileBytes();
        for (HttpResponse<String> refused : List.of(
                get("/api/targets", viewer),
                get("/api/targets/servers/x", viewer),
                post("/api/targets/servers", viewer, etag(), server("by-viewer", "10.0.4.1", 9100)),
                put("/api/targets/servers/x", viewer, etag(), server("x", "10.0.4.1", 9100)),
                delete("/api/targets/servers/x", viewer, etag()))) {
            assertThat(refused.statusCode())
                    .as(refused.request().method() + " " + refused.request().uri())
                    .isEqualTo(403);
            assertProblem(refused);
            assertThat(refused.body()).doesNotContain("10.0.");
        }
        assertThat(fileBytes()).isEqualTo(before);
    }

    @Test
    void anonymousIsRefusedWith401() {
        byte[] before = fileBytes();
        for (HttpResponse<String> refused : List.of(
                get("/api/targets", null),
                post("/api/targets/servers", null, etag(), server("anonymous", "10.0.5.1", 9100)),
                delete("/api/targets/servers/x", null, etag()))) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertProblem(refused);
        }
        assertThat(fileBytes()).isEqualTo(before);
    }

    @Test
    void anUnknownServerIs404() {
        assertThat(get("/api/targets/servers/no-such", admin()).statusCode()).isEqualTo(404);
        assertThat(put("/api/targets/servers/no-such", admin(), etag(), server("no-such", "10.0.6.1", 9100))
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> gone = delete("/api/targets/servers/no-such", admin(), etag());
        assertThat(gone.statusCode()).isEqualTo(404);
        assertProblem(gone);
    }

    static void assertProblem(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type"))
                .as(response.body())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).get("status").asInt()).isEqualTo(response.statusCode());
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
