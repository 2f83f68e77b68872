package dev.infradash.settings;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import dev.infradash.audit.AuditRecord;
import dev.infradash.audit.AuditTrail;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The newest entries of the audit trail: targets, users and tokens, each change in words. */
class AuditPanel extends Div {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final int SHOWN = 50;

    private final AuditTrail audit;
    private final Grid<AuditRecord> grid = new Grid<>();

    private final Grid.Column<AuditRecord> narrowSummary;
    private final List<Grid.Column<AuditRecord>> wideColumns;

    AuditPanel(AuditTrail audit) {
        this.audit = audit;
        narrowSummary = grid.addComponentColumn(record -> {
                    Span when = new Span(TIME.format(record.time()) + " · " + record.user());
                    when.addClassName("summary-detail");
                    Span change = new Span(AuditSummary.of(record));
                    Div cell = new Div(when, change);
                    cell.addClassName("summary-cell");
                    return cell;
                })
                .setHeader("Change")
                .setFlexGrow(1);
        wideColumns = List.of(
                grid.addColumn(record -> TIME.format(record.time()))
                        .setHeader("Time")
                        .setAutoWidth(true),
                grid.addColumn(AuditRecord::user).setHeader("User").setAutoWidth(true),
                grid.addColumn(AuditRecord::clientAddress).setHeader("From").setAutoWidth(true),
                grid.addColumn(AuditRecord::action).setHeader("Action").setAutoWidth(true),
                grid.addColumn(AuditSummary::of).setHeader("Change").setFlexGrow(2));
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.setId("audit-grid");
        add(new H2("Audit log"), grid);
        refresh();
    }

    void refresh() {
        grid.setItems(audit.recent(SHOWN));
    }

    /** On a phone: time and user above the change, in one column. */
    void adapt(NarrowScreen screen) {
        screen.narrowOnly(narrowSummary);
        wideColumns.forEach(column -> screen.onChange(narrow -> column.setVisible(!narrow)));
    }
}
