package dev.infradash.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;

/** The settings every @SpringBootTest of the whole app shares when it runs against a PrometheusStack. */
public final class AppUnderTest {

    private AppUnderTest() {}

    /**
     * Loopback only, the stack's Prometheus and targets file, a 1 s cycle with a rate window that
     * suits the stack's 1 s scrape, the slow parts in every cycle, a data directory inside the stack's temp dir, no dev tools popup.
     */
    public static void against(PrometheusStack stack, DynamicPropertyRegistry registry) {
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("vaadin.devmode.devTools.enabled", () -> "false");
        registry.add("infradash.prometheus.url", () -> stack.prometheusUrl().toString());
        registry.add("infradash.targets.file", () -> stack.targetsFile().toString());
        registry.add("infradash.refresh-interval", () -> "1s");
        registry.add("infradash.rate-window", () -> "10s");
        registry.add("infradash.scrape-interval", () -> "1s");
        // every cycle asks the slow parts too, so a test reads each value from the first cycle that
        // can have it; their once-a-minute cadence is MetricsCollectorTest's subject
        registry.add("infradash.slow-parts-interval", () -> "0s");
        registry.add(
                "infradash.data.dir",
                () -> stack.workDir().resolve("infradash-data").toString());
        registry.add(
                "infradash.alerting.rule-file",
                () -> stack.rulesDir().resolve("infradash-managed.yml").toString());
        registry.add(
                "infradash.alerting.alertmanager-config-file",
                () -> stack.alertmanagerConfigFile().toString());
        if (stack.hasAlertmanager()) {
            registry.add(
                    "infradash.alertmanager.url", () -> stack.alertmanagerUrl().toString());
        }
    }
}
