package dev.infradash.history;

/** What a chart's numbers measure; the view picks the axis formatter from it. */
public enum ChartUnit {
    PERCENT, BYTES, BYTES_PER_SECOND, CELSIUS, WATTS, NUMBER
}
