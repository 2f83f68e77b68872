package dev.infradash.settings;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Which grid columns a phone gets. A grid's columns do not wrap: on a 375 px screen the health,
 * edit and delete cells of the settings grids ended off-screen (issue 15). Below {@link #MAX_WIDTH}
 * the grids trade their many columns for one summary column; the browser tells the width on
 * attach and on every resize.
 */
final class NarrowScreen {

    static final int MAX_WIDTH = 700;

    private final List<Consumer<Boolean>> listeners = new ArrayList<>();
    private @Nullable Boolean narrow;
    private @Nullable Registration resize;

    void onChange(Consumer<Boolean> listener) {
        listeners.add(listener);
        if (narrow != null) {
            listener.accept(narrow);
        }
    }

    /** Columns only a wide screen shows; on a phone their content is in the summary column. */
    @SafeVarargs
    final <T> void wideOnly(Grid.Column<T>... columns) {
        onChange(isNarrow -> {
            for (Grid.Column<T> column : columns) {
                column.setVisible(!isNarrow);
            }
        });
    }

    /** The summary column, hidden until the screen is known to be narrow. */
    <T> void narrowOnly(Grid.Column<T> column) {
        column.setVisible(false);
        onChange(column::setVisible);
    }

    void attach(UI ui) {
        ui.getPage().retrieveExtendedClientDetails(details -> width(details.getWindowInnerWidth()));
        resize = ui.getPage().addBrowserWindowResizeListener(event -> width(event.getWidth()));
    }

    void detach() {
        if (resize != null) {
            resize.remove();
            resize = null;
        }
    }

    void width(int pixels) {
        boolean now = pixels > 0 && pixels < MAX_WIDTH;
        if (narrow == null || narrow != now) {
            narrow = now;
            listeners.forEach(listener -> listener.accept(now));
        }
    }
}
