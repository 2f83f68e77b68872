package dev.infradash.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetFileTest {

    private final TargetFile file = new TargetFile(new ObjectMapper());

    @Test
    void groupsWithTheSameServerLabelFormOneServerInFileOrder() throws Exception {
        TargetList list = file.parse("""
                [
                  {"targets": ["10.0.0.2:9100"], "labels": {"server": "storage", "role": "storage",
                    "__infradash_exporter": "node", "rack": "b"}},
                  {"targets": ["10.0.0.1:9100"], "labels": {"server": "ai", "role": "gpu",
                    "__infradash_exporter": "node", "__infradash_name": "AI Server"}},
                  {"targets": ["10.0.0.1:9400"], "labels": {"server": "ai", "role": "gpu",
                    "__infradash_exporter": "gpu", "__scheme__": "https", "__metrics_path__": "/gpu"}}
                ]""", "t.json");

        assertThat(list.servers()).extracting(MonitoredServer::id).containsExactly("storage", "ai");
        MonitoredServer ai = list.server("ai").orElseThrow();
        assertThat(ai.displayName()).isEqualTo("AI Server");
        assertThat(ai.role()).isEqualTo("gpu");
        assertThat(ai.exporters())
                .containsExactly(
                        new Exporter(ExporterKind.NODE, "10.0.0.1:9100", "http", "/metrics"),
                        new Exporter(ExporterKind.GPU, "10.0.0.1:9400", "https", "/gpu"));
        assertThat(ai.hasExporter(ExporterKind.GPU)).isTrue();
        MonitoredServer storage = list.server("storage").orElseThrow();
        assertThat(storage.displayName()).as("display name defaults to the id").isEqualTo("storage");
        assertThat(storage.labels()).isEqualTo(Map.of("rack", "b"));
    }

    @Test
    void emptyArrayAndEmptyFileMeanNoServers() throws Exception {
        assertThat(file.parse("[]", "t.json").servers()).isEmpty();
        assertThat(file.parse("", "t.json").servers()).isEmpty();
    }

    @Test
    void everyStructuralProblemIsNamed() {
        List<List<String>> cases = List.of(
                List.of("{", "is not valid JSON"),
                List.of("{}", "must be a JSON array"),
                List.of("[1]", "target group 1 is not an object"),
                List.of(
                        "[{\"targets\": [], \"labels\": {\"server\": \"a\", \"__infradash_exporter\": \"node\"}}]",
                        "\"targets\" must be a non-empty array"),
                List.of(
                        "[{\"targets\": [5], \"labels\": {\"server\": \"a\", \"__infradash_exporter\": \"node\"}}]",
                        "only \"host:port\" strings"),
                List.of(
                        "[{\"targets\": [\"h:1\"], \"labels\": {\"__infradash_exporter\": \"node\"}}]",
                        "has no \"server\" label"),
                List.of(
                        "[{\"targets\": [\"h:1\"], \"labels\": {\"server\": \"a\"}}]",
                        "needs label \"__infradash_exporter\""),
                List.of(
                        "[{\"targets\": [\"h:1\"], \"labels\": {\"server\": \"a\", \"__infradash_exporter\": \"x\"}}]",
                        "set to node, gpu or other"),
                List.of(
                        "[{\"targets\": [\"h:1\"], \"labels\": {\"server\": 7}}]",
                        "label \"server\" must be a string"));
        for (List<String> c : cases) {
            assertThatThrownBy(() -> file.parse(c.get(0), "t.json"))
                    .as(c.get(0))
                    .isInstanceOf(InvalidTargetFileException.class)
                    .hasMessageContaining("t.json")
                    .hasMessageContaining(c.get(1));
        }
    }
}
