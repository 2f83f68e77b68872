package dev.infradash.history;

/**
 * How wide a detail-view chart is, in CSS px, for a browser window's inner width: the rule of
 * styles.css' {@code .chart-grid} (as many columns of at least {@link #MIN_COLUMN_PX} as fit, each
 * {@code 1fr}). A range query then asks for no more points per series than the chart has pixels.
 * An upper bound: the grid's gaps and the panels' padding make the drawn plot a little narrower.
 */
final class ChartWidth {

    /** styles.css: {@code .chart-grid { grid-template-columns: repeat(auto-fill, minmax(min(100%, 460px), 1fr)) }}. */
    static final int MIN_COLUMN_PX = 460;

    /**
     * Before the browser said its width: the widest chart the grid lays out, just under two
     * minimum columns (a wider window gets a second column).
     */
    static final int UNKNOWN = 2 * MIN_COLUMN_PX;

    private ChartWidth() {}

    /** The chart's width in a window {@code windowInnerWidth} px wide; {@link #UNKNOWN} when that is not known (≤ 0). */
    static int of(int windowInnerWidth) {
        if (windowInnerWidth <= 0) {
            return UNKNOWN;
        }
        int columns = Math.max(1, windowInnerWidth / MIN_COLUMN_PX);
        return Math.max(1, windowInnerWidth / columns);
    }
}
