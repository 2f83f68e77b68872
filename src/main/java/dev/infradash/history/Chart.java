package dev.infradash.history;

import dev.infradash.base.chart.Unit;

/**
 * The history charts of a server's detail view. Each is ONE PromQL expression (see
 * {@link ChartQueries}) whose series are told apart by {@link #seriesLabel()}; the same expression
 * serves the range query when a view opens and the live part of the collector's cycle.
 */
public enum Chart {
    CPU("CPU by mode", Unit.PERCENT, true, "mode", false),
    LOAD("Load average", Unit.NONE, false, "series", false),
    MEMORY("Memory", Unit.BYTES, false, "series", false),
    DISK_USAGE("Disk usage", Unit.PERCENT, false, "mountpoint", false),
    DISK_IO("Disk I/O", Unit.BYTES_PER_SECOND, false, "series", false),
    NETWORK("Network", Unit.BYTES_PER_SECOND, false, "series", false),
    GPU_UTILIZATION("GPU utilisation", Unit.PERCENT, false, "uuid", true),
    GPU_MEMORY("GPU memory (VRAM)", Unit.PERCENT, false, "uuid", true),
    GPU_TEMPERATURE("GPU temperature", Unit.CELSIUS, false, "uuid", true),
    GPU_POWER("GPU power", Unit.WATTS, false, "uuid", true);

    private final String title;
    private final Unit unit;
    private final boolean stacked;
    private final String seriesLabel;
    private final boolean gpu;

    Chart(String title, Unit unit, boolean stacked, String seriesLabel, boolean gpu) {
        this.title = title;
        this.unit = unit;
        this.stacked = stacked;
        this.seriesLabel = seriesLabel;
        this.gpu = gpu;
    }

    public String title() {
        return title;
    }

    public Unit unit() {
        return unit;
    }

    /** Stacked area (parts of a whole) rather than lines. */
    public boolean stacked() {
        return stacked;
    }

    /** The label whose value names a series of this chart. */
    public String seriesLabel() {
        return seriesLabel;
    }

    /** Needs a GPU exporter. */
    public boolean gpu() {
        return gpu;
    }
}
