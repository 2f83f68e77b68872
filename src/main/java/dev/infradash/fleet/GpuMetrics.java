package dev.infradash.fleet;

import dev.infradash.base.Reading;
import org.jspecify.annotations.Nullable;

/**
 * One GPU, from dcgm-exporter or nvidia_gpu_exporter alike.
 *
 * @param uuid the GPU's UUID, its identity across both exporter dialects
 * @param model the product name, or empty when the exporter does not say
 */
public record GpuMetrics(
        String uuid,
        String model,
        @Nullable Reading utilizationPercent,
        @Nullable Reading memoryUsedPercent,
        @Nullable Reading temperatureCelsius,
        @Nullable Reading powerWatts) {}
