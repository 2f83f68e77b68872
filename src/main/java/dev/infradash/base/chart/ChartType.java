package dev.infradash.base.chart;

/** How a time-series chart draws its series. */
public enum ChartType {
    /** One line per series. */
    LINE("line", false),
    /** Filled areas stacked on each other (e.g. CPU modes, traffic per interface). */
    STACKED_AREA("area", true);

    final String apexType;
    final boolean stacked;

    ChartType(String apexType, boolean stacked) {
        this.apexType = apexType;
        this.stacked = stacked;
    }
}
