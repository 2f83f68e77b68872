package dev.infradash.base.chart;

/**
 * The unit of the y values. Formatters are functions, which JSON cannot carry: the browser side
 * ({@code frontend/infradash-apexchart.js}) maps the enum name to a formatter.
 */
public enum Unit {
    NONE,
    /** 0-100. */
    PERCENT,
    /** Bytes per second, binary prefixes (KiB/s, MiB/s...). */
    BYTES_PER_SECOND,
    /** Bits per second, decimal prefixes as network links are sold (kbit/s, Mbit/s, Gbit/s). */
    BITS_PER_SECOND,
    /** Bytes, binary prefixes. */
    BYTES,
    /** Degrees Celsius. */
    CELSIUS,
    /** Watts. */
    WATTS
}
