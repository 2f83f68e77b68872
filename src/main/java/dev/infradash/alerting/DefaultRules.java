package dev.infradash.alerting;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The rules Infradash starts with: the alerts it used to ship as a static file
 * (prometheus/rules/infradash.yml), now editable. Same names, expressions, durations and
 * severities, so existing silences and habits keep working; their promtool unit tests run
 * against the file rendered from these ({@code RulesPromtoolTest}).
 */
final class DefaultRules {

    private DefaultRules() {}

    static List<AlertRule> rules() {
        return List.of(
                // one alert per scrape target: a GPU exporter down while the node one answers says exactly that
                rule("target-down", "TargetDown", RuleCondition.DOWN, null, Duration.ofMinutes(1), Severity.CRITICAL),
                rule(
                        "high-cpu-usage",
                        "HighCpuUsage",
                        RuleCondition.CPU,
                        90.0,
                        Duration.ofMinutes(5),
                        Severity.WARNING),
                rule(
                        "high-memory-usage",
                        "HighMemoryUsage",
                        RuleCondition.MEMORY,
                        90.0,
                        Duration.ofMinutes(5),
                        Severity.WARNING),
                rule(
                        "root-filesystem-almost-full",
                        "RootFilesystemAlmostFull",
                        RuleCondition.ROOT_FILESYSTEM,
                        90.0,
                        Duration.ofMinutes(5),
                        Severity.CRITICAL),
                rule(
                        "root-filesystem-filling-up",
                        "RootFilesystemFillingUp",
                        RuleCondition.DISK_FULL_FORECAST,
                        24.0,
                        Duration.ofHours(1),
                        Severity.WARNING),
                rule(
                        "gpu-temperature-high",
                        "GpuTemperatureHigh",
                        RuleCondition.GPU_TEMPERATURE,
                        85.0,
                        Duration.ofMinutes(5),
                        Severity.CRITICAL),
                rule(
                        "gpu-exporter-missing",
                        "GpuExporterMissing",
                        RuleCondition.GPU_EXPORTER_MISSING,
                        null,
                        Duration.ofMinutes(10),
                        Severity.WARNING));
    }

    private static AlertRule rule(
            String id, String name, RuleCondition condition, @Nullable Double threshold, Duration lasting, Severity s) {
        return new AlertRule(id, name, condition, threshold, lasting, s, RuleScope.all(), List.of(), true, null, "");
    }
}
