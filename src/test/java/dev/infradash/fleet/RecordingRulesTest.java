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
                rules.put((String) rule.get("record"), ((String) rule.get("expr")).strip());
            }
        }
        return rules;
    }

    @Test
    void everyRecordedQueryIsShippedWithTheCollectorsExactExpression() throws Exception {
        FleetQueries defaults = queries(Map.of());
        Map<String, String> expected = new LinkedHashMap<>();
        FleetQueries.RECORDED.forEach((query, name) -> expected.put(name, defaults.promql(query)));
        StringBuilder yaml = new StringBuilder();
        expected.forEach((name, expr) -> yaml.append("      - record: ")
                .append(name)
                .append("\n        expr: >-\n          ")
                .append(expr)
                .append('\n'));
        assertThat(shippedRules())
                .as(
                        "prometheus/rules/infradash-recording.yml must record what FleetQueries computes; its rules"
                                + " should read:%n%s",
                        yaml)
                .isEqualTo(expected);
    }

    @Test
    void recordedModeReadsTheRecordedSeriesAndKeepsTheCheapPartsRaw() {
        FleetQueries defaults = queries(Map.of());
        String recorded = defaults.combined(Map.of(), true);
        String raw = defaults.combined(Map.of(), false);

        assertThat(recorded)
                .contains("infradash:cpu_busy", "infradash:root_fs_used", "infradash:gpu_temperature")
                .doesNotContain("node_cpu_seconds_total{mode=\"idle\"}[")
                .contains("max by (server, role, job) (up{", "node_load1");
        assertThat(raw).doesNotContain("infradash:cpu_busy").isEqualTo(defaults.combined());
        assertThat(defaults.combined(Map.of("extra", "vector(1)"), true)).contains("infradash:cpu_busy", "vector(1)");
    }

    @Test
    void recordedSeriesAreReadWithoutTheirMetricName() {
        String recorded = queries(Map.of()).combined(Map.of(), true);

        // every recorded selector sits inside the label_replace that removes __name__: none is read bare
        FleetQueries.RECORDED.values().forEach(name -> {
            String unnamed = "label_replace(" + name + ", \"__name__\", \"\", \"\", \"\")";
            assertThat(recorded).as(name).contains(unnamed);
            assertThat(recorded.split(java.util.regex.Pattern.quote(name + ","), -1))
                    .as("every occurrence of %s is the unnamed one", name)
                    .hasSize(recorded.split(java.util.regex.Pattern.quote(unnamed), -1).length);
        });
        // the raw parts aggregate and so carry no name already: they stay as they were
        assertThat(recorded).contains("max by (server) (node_load1)").doesNotContain("node_load1, \"__name__\"");
    }
}
