package dev.infradash.alerting;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Rules for tests, and the renderer with the app's default filesystem exclusion. */
final class TestRules {

    static final String FILESYSTEM_TYPE_EXCLUDE =
            "tmpfs|ramfs|overlay|squashfs|nsfs|fuse.*|devtmpfs|aufs|autofs|proc|sysfs|cgroup2?";

    private TestRules() {}

    static RuleFileRenderer renderer() {
        return new RuleFileRenderer(FILESYSTEM_TYPE_EXCLUDE);
    }

    static AlertRule rule(
            String id,
            String name,
            RuleCondition condition,
            @Nullable Double threshold,
            Duration lasting,
            Severity severity,
            RuleScope scope) {
        return new AlertRule(id, name, condition, threshold, lasting, severity, scope, List.of(), true, null, "");
    }

    /** One rule per condition the defaults do not cover, plus scopes; see conditions_test.yml. */
    static List<AlertRule> conditionRules() {
        return List.of(
                rule(
                        "cpu-ai",
                        "CpuAi",
                        RuleCondition.CPU,
                        50.0,
                        Duration.ofMinutes(1),
                        Severity.WARNING,
                        RuleScope.role("ai")),
                rule(
                        "any-filesystem",
                        "AnyFilesystem",
                        RuleCondition.ANY_FILESYSTEM,
                        80.0,
                        Duration.ofMinutes(1),
                        Severity.CRITICAL,
                        RuleScope.all()),
                rule(
                        "gpu-memory",
                        "GpuMemory",
                        RuleCondition.GPU_MEMORY,
                        90.0,
                        Duration.ofMinutes(1),
                        Severity.WARNING,
                        RuleScope.all()),
                rule(
                        "service-down",
                        "ServiceDown",
                        RuleCondition.SERVICE_DOWN,
                        null,
                        Duration.ofSeconds(30),
                        Severity.CRITICAL,
                        RuleScope.all()),
                rule(
                        "certificate-expiry",
                        "CertificateExpiry",
                        RuleCondition.CERTIFICATE_EXPIRY,
                        14.0,
                        Duration.ofMinutes(1),
                        Severity.WARNING,
                        RuleScope.all()),
                rule(
                        "app-down",
                        "AppDown",
                        RuleCondition.DOWN,
                        null,
                        Duration.ofSeconds(15),
                        Severity.CRITICAL,
                        RuleScope.servers(List.of("app-server"))),
                new AlertRule(
                        "load-high",
                        "LoadHigh",
                        RuleCondition.ADVANCED,
                        null,
                        Duration.ofSeconds(30),
                        Severity.INFO,
                        RuleScope.all(),
                        List.of(),
                        true,
                        "node_load1 > 4",
                        ""));
    }
}
