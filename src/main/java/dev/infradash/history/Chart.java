package dev.infradash.history;

/**
 * The history charts of a server's detail view. Each is ONE PromQL expression (see
 * {@link ChartQueries}) whose series are told apart by {@link #seriesLabel()}; the same expression
 * serves the range query when a view opens and the live part of the collector's cycle.
 */
public enum Chart {
    CPU("CPU by mode", ChartUnit.PERCENT, true, "mode", false),
    LOAD("Load average", ChartUnit.NUMBER, false, "series", false),
    MEMORY("Memory", ChartUnit.BYTES, false, "series", false),
    DISK_USAGE("Disk usage", ChartUnit.PERCENT, false, "mountpoint", false),
    DISK_IO("Disk I/O", ChartUnit.BYTES_PER_SECOND, false, "series", false),
    NETWORK("Network", ChartUnit.BYTES_PER_SECOND, false, "series", false),
    GPU_UTILIZATION("GPU utilisation", ChartUnit.PERCENT, false, "uuid", true),
    GPU_MEMORY("GPU memory (VRAM)", ChartUnit.PERCENT, false, "uuid", true),
    GPU_TEMPERATURE("GPU temperature", ChartUnit.CELSIUS, false, "uuid", true),
    GPU_POWER("GPU power", ChartUnit.WATTS, false, "uuid", true);

    private final String title;
    private final ChartUnit unit;
    private final boolean stacked;
    private final String seriesLabel;
    private final boolean gpu;

    Chart(String title, ChartUnit unit, boolean stacked, String seriesLabel, boolean gpu) {
        this.title = title;
        this.unit = unit;
        this.stacked = stacked;
        this.seriesLabel = seriesLabel;
        this.gpu = gpu;
    }

    public String title() {
        return title;
    }

    public ChartUnit unit() {
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
