package dev.infradash.fleet;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.infradash.base.Format;
import dev.infradash.base.Reading;
import dev.infradash.base.Texts;
import dev.infradash.base.Threshold;
import dev.infradash.base.UiProperties;

/** One GPU on a server card: model, utilisation and VRAM bars, temperature and power. */
class GpuRow extends Div {

    private final Threshold temperatureThreshold;
    private final Span model = new Span();
    private final MetricBar utilization;
    private final MetricBar memory;
    private final Span temperature = new Span();
    private final Span power = new Span();

    GpuRow(String uuid, UiProperties thresholds) {
        this.temperatureThreshold = thresholds.gpuTemperature();
        addClassName("gpu");
        getElement().setAttribute("data-gpu", uuid);
        model.addClassName("gpu-model");
        utilization = new MetricBar("GPU", "gpu-util", thresholds.gpu());
        memory = new MetricBar("VRAM", "gpu-memory", thresholds.gpu());
        temperature.addClassName("stat");
        temperature.getElement().setAttribute("data-stat", "gpu-temperature");
        power.addClassName("stat");
        power.getElement().setAttribute("data-stat", "gpu-power");
        Div stats = new Div(temperature, power);
        stats.addClassName("server-stats");
        add(model, utilization, memory, stats);
    }

    void show(GpuMetrics gpu) {
        Texts.set(model, gpu.model().isEmpty() ? "GPU " + gpu.uuid() : gpu.model());
        utilization.show(gpu.utilizationPercent(), null);
        memory.show(gpu.memoryUsedPercent(), null);
        Reading temp = gpu.temperatureCelsius();
        Texts.set(temperature, Format.number(temp, " °C"));
        Threshold.Level level = temp == null ? Threshold.Level.OK : temperatureThreshold.level(temp.value());
        temperature.setClassName("warning", level == Threshold.Level.WARNING);
        temperature.setClassName("critical", level == Threshold.Level.CRITICAL);
        Texts.set(power, Format.number(gpu.powerWatts(), " W"));
    }
}
