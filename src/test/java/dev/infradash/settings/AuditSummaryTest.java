package dev.infradash.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.audit.AuditRecord;
import dev.infradash.targets.ExporterDefinition;
import dev.infradash.targets.ExporterKind;
import dev.infradash.targets.ServerDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 15: the audit's "Change" column showed "gpu-01 → gpu-01" for an edit that added an exporter. */
class AuditSummaryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ExporterDefinition NODE = new ExporterDefinition(ExporterKind.NODE, "10.0.0.9", 9100);
    private static final ExporterDefinition GPU = new ExporterDefinition(ExporterKind.GPU, "10.0.0.9", 9400);

    private static String summary(String action, List<ServerDefinition> before, List<ServerDefinition> after) {
        return AuditSummary.of(new AuditRecord(
                Instant.EPOCH,
                "admin",
                "127.0.0.1",
                action,
                "targets",
                JSON.valueToTree(before),
                JSON.valueToTree(after),
                null));
    }

    @Test
    void anEditSaysWhichFieldsChanged() {
        ServerDefinition before = new ServerDefinition("gpu-01", "GPU 1", "gpu", List.of(NODE), Map.of("rack", "1"));
        ServerDefinition after =
                new ServerDefinition("gpu-01", "GPU one", "gpu", List.of(NODE, GPU), Map.of("rack", "2", "dc", "x"));
        String change = summary("update", List.of(before), List.of(after));
        assertThat(change)
                .startsWith("gpu-01: ")
                .contains("+ GPU exporter 10.0.0.9:9400")
                .contains("name GPU 1 → GPU one")
                .contains("label rack 1 → 2")
                .contains("+ label dc=x")
                .doesNotContain("gpu-01 → gpu-01")
                .doesNotContain("node exporter");
    }

    @Test
    void aRenameAndARemovedExporterAreNamed() {
        ServerDefinition before = new ServerDefinition("gpu-01", "GPU", "gpu", List.of(NODE, GPU), Map.of());
        ServerDefinition after = new ServerDefinition("gpu-02", "GPU", "gpu", List.of(NODE), Map.of());
        assertThat(summary("update", List.of(before), List.of(after)))
                .isEqualTo("gpu-02: id gpu-01 → gpu-02, − GPU exporter 10.0.0.9:9400");
    }

    @Test
    void aReplacedListNamesAddedRemovedAndChangedServers() {
        ServerDefinition a = new ServerDefinition("a", "A", "", List.of(NODE), Map.of());
        ServerDefinition b = new ServerDefinition("b", "B", "", List.of(GPU), Map.of());
        ServerDefinition a2 = new ServerDefinition("a", "A", "web", List.of(NODE), Map.of());
        ServerDefinition c = new ServerDefinition("c", "C", "", List.of(GPU), Map.of());
        assertThat(summary("replace", List.of(a, b), List.of(a2, c))).isEqualTo("a: role (empty) → web; − b; + c");
    }
}
