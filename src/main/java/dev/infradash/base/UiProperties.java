package dev.infradash.base;

import jakarta.validation.Valid;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Colour thresholds of the server cards: percentages, and degrees Celsius for GPU temperature.
 * Set both halves of one, e.g. {@code infradash.ui.thresholds.cpu.warning=70} and
 * {@code ...cpu.critical=85}.
 */
@ConfigurationProperties("infradash.ui.thresholds")
@Validated
public record UiProperties(
        @Valid Threshold cpu,
        @Valid Threshold memory,
        @Valid Threshold disk,
        @Valid Threshold gpu,
        @Valid Threshold gpuTemperature) {

    public UiProperties {
        cpu = cpu == null ? new Threshold(75, 90) : cpu;
        memory = memory == null ? new Threshold(80, 90) : memory;
        disk = disk == null ? new Threshold(80, 90) : disk;
        gpu = gpu == null ? new Threshold(80, 95) : gpu;
        gpuTemperature = gpuTemperature == null ? new Threshold(75, 85) : gpuTemperature;
    }
}
