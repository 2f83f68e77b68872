package dev.infradash.fleet;

import dev.infradash.base.Reading;

/**
 * One GPU, from dcgm-exporter or nvidia_gpu_exporter alike.
 *
 * @param uuid the GPU's UUID, its identity across both exporter dialects
 * @param model the product name, or empty when the exporter does not say
 */
public record GpuMetrics(String uuid, String model, Reading utilizationPercent, Reading memoryUsedPercent,
                         Reading temperatureCelsius, Reading powerWatts) {
}
