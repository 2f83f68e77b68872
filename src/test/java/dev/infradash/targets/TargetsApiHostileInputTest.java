package dev.infradash.targets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Settings form's hostile-input table ({@link TargetFileStoreHostileInputTest}) posted to
 * /api/targets/servers: every row is a 400 problem+json naming the field, and the targets file is
 * byte-for-byte unchanged (issue 12: "the hostile-input table of the Settings form also runs
 * through the REST API").
 */
class TargetsApiHostileInputTest extends TargetsApiApp {

    /** The table's starting point: one server, "existing" at 10.0.0.1:9100. */
    private static final String EXISTING = """
            [ {
              "targets" : [ "10.0.0.1:9100" ],
              "labels" : { "server" : "existing", "__infradash_exporter" : "node" }
            } ]
            """;

    private static final Versioned<List<ServerDefinition>> CURRENT =
            new Versioned<>(List.of(StoreFixture.server("existing", "10.0.0.1", 9100)), "unused");

    private byte[] before;

    @BeforeEach
    void existingFile() throws Exception {
        Files.writeString(TARGETS, EXISTING, StandardCharsets.UTF_8);
        before = fileBytes();
    }

    static Stream<Arguments> hostileInputs() {
        return TargetFileStoreHostileInputTest.hostileInputs();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInputs")
    @SuppressWarnings("unchecked")
    void isRefusedWithTheFieldAndNothingIsWritten(String description, Object edit, String field, String fragment) {
        String body;
        String expectedField;
        String expectedFragment;
        try {
            List<ServerDefinition> edited =
                    ((Function<Versioned<List<ServerDefinition>>, List<ServerDefinition>>) edit).apply(CURRENT);
            body = toJson(edited.get(edited.size() - 1)).toString();
            expectedField = ServerJson.apiField(new FieldError(field.substring("servers[1].".length()), ""))
                    .field();
            expectedFragment = fragment;
        } catch (ValidationException pastedAddress) {
            // The form splits a pasted "host:port"; the API takes host and port apart, so the row
            // is sent as a script would split it, and the port (or the missing one) is named.
            body = splitAddress(description).toString();
            expectedField = description.equals("address 10 KB") ? "exporters[0].host" : "exporters[0].port";
            expectedFragment = "";
        }

        HttpResponse<String> refused = post("/api/targets/servers", admin(), etag(), body);

        assertThat(refused.statusCode()).as(description + ": " + refused.body()).isEqualTo(400);
        TargetsApiTest.assertProblem(refused);
        JsonNode errors = json(refused).get("errors");
        String expected = expectedField;
        String fragmentToFind = expectedFragment;
        assertThat(errors).as(description + ": " + refused.body()).anySatisfy(error -> {
            assertThat(error.get("field").asText()).isEqualTo(expected);
            assertThat(error.get("message").asText()).contains(fragmentToFind);
        });
        assertThat(errors)
                .allSatisfy(error -> assertThat(error.get("message").asText())
                        .as("messages never echo long input")
                        .hasSizeLessThan(300));
        assertThat(fileBytes()).as("targets file unchanged").isEqualTo(before);
    }

    private static ObjectNode toJson(ServerDefinition server) {
        ObjectNode json = JSON.createObjectNode();
        json.put("id", server.id());
        json.put("displayName", server.displayName());
        json.put("role", server.role());
        ArrayNode exporters = json.putArray("exporters");
        for (ExporterDefinition exporter : server.exporters()) {
            exporters
                    .addObject()
                    .put(
                            "kind",
                            exporter.kind() == null ? null : exporter.kind().label())
                    .put("host", exporter.host())
                    .put("port", exporter.port())
                    .put("scheme", exporter.scheme())
                    .put("metricsPath", exporter.metricsPath());
        }
        ObjectNode labels = json.putObject("labels");
        server.extraLabels().forEach(labels::put);
        return json;
    }

    /** The rows that give an address as "host:port" text, split as a script would. */
    private static ObjectNode splitAddress(String description) {
        String address = switch (description) {
            case "address localhost:0" -> "localhost:0";
            case "address localhost:65536" -> "localhost:65536";
            case "address localhost:-1" -> "localhost:-1";
            case "address non-numeric port" -> "localhost:http";
            case "address without port" -> "localhost";
            case "address 10 KB" -> "x".repeat(10 * 1024);
            default -> throw new IllegalArgumentException("no REST form for " + description);
        };
        ObjectNode exporter = JSON.createObjectNode().put("kind", "node");
        int colon = address.lastIndexOf(':');
        exporter.put("host", colon < 0 ? address : address.substring(0, colon));
        if (colon >= 0) {
            String port = address.substring(colon + 1);
            if (port.matches("-?\\d+")) {
                exporter.put("port", Integer.parseInt(port));
            } else {
                exporter.put("port", port);
            }
        }
        ObjectNode json = JSON.createObjectNode()
                .put("id", "web-1")
                .put("displayName", "Web 1")
                .put("role", "app");
        json.putArray("exporters").add(exporter);
        return json;
    }
}
