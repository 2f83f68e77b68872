package dev.infradash.history;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import dev.infradash.base.Format;
import dev.infradash.fleet.DiskForecast;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Every mounted filesystem of the server, as Node Exporter Full's table: usage, inodes, read-only
 * flag, and when it is full at the trend of the chosen window ("/data full in ~9 days").
 */
class FilesystemPanel extends Div {

    private final Grid<FilesystemRow> grid = new Grid<>();
    private final Span forecast = new Span();
    private final Span note = new Span();

    FilesystemPanel() {
        addClassName("chart-panel");
        addClassName("filesystem-panel");
        getElement().setAttribute("data-chart", "filesystems");
        forecast.addClassName("filesystem-forecast");
        note.addClassName("chart-note");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
        grid.setAllRowsVisible(true);
        grid.addColumn(FilesystemRow::mountpoint)
                .setHeader("Mountpoint")
                .setSortable(true)
                .setFlexGrow(2);
        grid.addColumn(row -> percent(row.usedPercent()))
                .setHeader("Used")
                .setComparator(Comparator.comparing(
                        FilesystemRow::usedPercent, Comparator.nullsFirst(Comparator.naturalOrder())))
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(row -> row.sizeBytes() == null ? Format.NONE : Format.bytes(row.sizeBytes()))
                .setHeader("Size")
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(row -> row.availBytes() == null ? Format.NONE : Format.bytes(row.availBytes()))
                .setHeader("Free")
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(row -> percent(row.inodesUsedPercent()))
                .setHeader("Inodes used")
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(row -> row.readOnly() ? "read-only" : "").setHeader("Mode");
        grid.addColumn(row ->
                        row.fullInSeconds() == null ? "" : "full in " + DiskForecast.approximately(row.fullInSeconds()))
                .setHeader("Forecast")
                .setFlexGrow(2);
        grid.addColumn(row -> row.fstype() + (row.device().isEmpty() ? "" : " · " + row.device()))
                .setHeader("Type · device")
                .setFlexGrow(2);
        add(new H3("Filesystems"), forecast, grid, note);
    }

    void show(HostFilesystems.Answer answer) {
        List<FilesystemRow> rows = answer.rows();
        grid.setItems(rows);
        grid.setVisible(!rows.isEmpty());
        String text = rows.stream()
                .filter(row -> row.fullInSeconds() != null)
                .min(Comparator.comparingDouble(row -> row.fullInSeconds() == null ? 0 : row.fullInSeconds()))
                .map(row -> DiskForecast.text(row.mountpoint(), row.fullInSeconds())
                        + " at this window's trend (predict_linear)")
                .orElse(rows.isEmpty() ? "" : "No filesystem is filling up in this window.");
        forecast.setText(text);
        forecast.setVisible(!text.isEmpty());
        String why = answer.error() != null
                ? answer.error()
                : rows.isEmpty() ? "No real filesystem reported at the end of this window." : null;
        note.setText(why == null ? "" : why);
        note.setVisible(why != null);
    }

    List<FilesystemRow> rows() {
        return grid.getListDataView().getItems().toList();
    }

    String forecastText() {
        return forecast.getText();
    }

    private static String percent(@Nullable Double value) {
        return value == null ? Format.NONE : String.format(Locale.ROOT, "%.1f %%", value);
    }
}
