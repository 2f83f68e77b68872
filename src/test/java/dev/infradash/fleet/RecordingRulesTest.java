package dev.infradash.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * The shipped recording rules record exactly what the collector would otherwise compute, and the
 * collector reads them only in recorded mode (issue 16).
 */
class RecordingRulesTest {

    private static final Path FILE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("prometheus/rules/infradash-recording.yml");

    private static FleetQueries queries(Map<String, String> properties) {
        return new FleetQueries(new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("infradash", CollectorProperties.class));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> shippedRules() throws Exception {
        Map<String, Object> yaml = new Yaml().load(Files.readString(FILE));
        Map<String, String> rules = new LinkedHashMap<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) yaml.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                rules.put(
                        (String) rule.get("record"),
                        ((String) rule.get("expr")).strip() + " | labels " + rule.get("labels"));
            }
        }
        return rules;
    }

    @Test
    void everyRecordedQueryIsShippedWithTheCollectorsExactExpressionAndItsTag() throws Exception {
        FleetQueries defaults = queries(Map.of());
        Map<String, String> expected = new LinkedHashMap<>();
        FleetQueries.RECORDED.forEach((query, name) -> expected.put(
                name, defaults.promql(query) + " | labels {" + FleetQueries.QUERY_LABEL + "=" + query.key() + "}"));
        StringBuilder yaml = new StringBuilder();
        FleetQueries.RECORDED.forEach((query, name) -> yaml.append("      - record: ")
                .append(name)
                .append("\n        expr: >-\n          ")
                .append(defaults.promql(query))
                .append("\n        labels:\n          ")
                .append(FleetQueries.QUERY_LABEL)
                .append(": ")
                .append(query.key())
                .append('\n'));
        assertThat(shippedRules())
                .as(
                        "prometheus/rules/infradash-recording.yml must record what FleetQueries computes, labelled"
                                + " with its part; its rules should read:%n%s",
                        yaml)
                .isEqualTo(expected);
    }

    @Test
    void recordedModeReadsTheRecordedSeriesAndKeepsTheCheapPartsRaw() {
        FleetQueries defaults = queries(Map.of());
        String recorded = defaults.combined(Map.of(), true);
        String raw = defaults.combined(Map.of(), false);

        assertThat(recorded)
                .contains("cpu_busy|", "|root_fs_used|", "|gpu_temperature|")
                .doesNotContain("node_cpu_seconds_total{mode=\"idle\"}[")
                .contains("max by (server, role, job) (up{", "node_load1");
        assertThat(raw).doesNotContain("infradash:").isEqualTo(defaults.combined());
        assertThat(defaults.combined(Map.of("extra", "vector(1)"), true)).contains("cpu_busy|", "vector(1)");
    }

    /**
     * All recorded parts in one selector, tagged by the rules themselves: no per-part label_replace
     * and no or-level over their ~29,000 series at 2,000 servers; read without their metric name.
     */
    @Test
    void recordedSeriesAreReadWithOneSelectorWithoutTheirMetricName() {
        FleetQueries defaults = queries(Map.of());
        String recorded = defaults.combined(Map.of(), true);

        String names = String.join(
                "|",
                FleetQueries.RECORDED.keySet().stream().map(FleetQuery::key).toList());
        assertThat(recorded)
                .endsWith("\nor on(infradash_query) label_replace({__name__=~\"infradash:(" + names
                        + ")\"}, \"__name__\", \"\", \"\", \"\")");
        assertThat(recorded.split("__name__=~", -1)).as("one selector").hasSize(2);
        FleetQueries.RECORDED
                .keySet()
                .forEach(query -> assertThat(recorded)
                        .as("%s is read recorded, never tagged at query time", query.key())
                        .doesNotContain("\"infradash_query\", \"" + query.key() + "\""));
        // the raw parts aggregate and so carry no name already: they stay as they were
        assertThat(recorded).contains("max by (server) (node_load1)").doesNotContain("node_load1, \"__name__\"");
    }

    @Test
    void withoutTheSlowPartsTheSelectorLeavesThemOutToo() {
        String fast = queries(Map.of()).combined(Map.of(), true, false);

        // cores and GPU models change over days: asked once a minute, not in the 11 cycles between
        assertThat(fast).contains("cpu_busy|", "|fs_used").doesNotContain("cores", "gpu_info");
        assertThat(queries(Map.of()).combined(Map.of(), true, true)).contains("|cores", "gpu_info|");
    }
}
