package dev.infradash.settings;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import dev.infradash.audit.AuditRecord;
import dev.infradash.audit.AuditTrail;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The newest entries of the audit trail: targets, users and tokens, each change in words. */
class AuditPanel extends Div {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final int SHOWN = 50;

    private final AuditTrail audit;
    private final Grid<AuditRecord> grid = new Grid<>();

    AuditPanel(AuditTrail audit) {
        this.audit = audit;
        grid.addColumn(record -> TIME.format(record.time())).setHeader("Time").setAutoWidth(true);
        grid.addColumn(AuditRecord::user).setHeader("User").setAutoWidth(true);
        grid.addColumn(AuditRecord::clientAddress).setHeader("From").setAutoWidth(true);
        grid.addColumn(AuditRecord::action).setHeader("Action").setAutoWidth(true);
        grid.addColumn(AuditSummary::of).setHeader("Change").setFlexGrow(2);
        grid.setAllRowsVisible(true);
        grid.setId("audit-grid");
        add(new H2("Audit log"), grid);
        refresh();
    }

    void refresh() {
        grid.setItems(audit.recent(SHOWN));
    }
}
