package dev.infradash.fleet;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Search, role, status, sort, grouping and cards-or-table above the overview. Binds a
 * {@link FleetFilter} and nothing else: every change hands the new filter to the view.
 */
class OverviewToolbar extends Div {

    /** Typing pauses this long before the cards narrow: well under the 300 ms the issue allows. */
    static final int SEARCH_DELAY_MS = 150;

    private static final String ALL_ROLES = "";
    private static final String NO_GROUPS = "none";
    private static final String BY_ROLE = "role";

    private final TextField search = new TextField();
    private final Select<String> role = new Select<>();
    private final Select<FleetFilter.Status> status = new Select<>();
    private final Select<FleetFilter.Sort> sort = new Select<>();
    private final Select<String> group = new Select<>();
    private final Button layout = new Button();
    private List<String> roles = List.of();
    private FleetFilter filter = FleetFilter.DEFAULT;
    private boolean updating;

    OverviewToolbar(Consumer<FleetFilter> onChange) {
        addClassName("overview-toolbar");
        search.setId("fleet-search");
        search.setPlaceholder("Find a server: name, role, address");
        search.setAriaLabel("Find a server");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setValueChangeTimeout(SEARCH_DELAY_MS);
        search.setMaxLength(FleetFilter.MAX_SEARCH);
        role.setId("fleet-role");
        role.setAriaLabel("Role");
        role.setEmptySelectionAllowed(false);
        role.setItemLabelGenerator(r -> r.isEmpty() ? "All roles" : r);
        status.setId("fleet-status");
        status.setAriaLabel("Status");
        status.setItems(FleetFilter.Status.values());
        status.setItemLabelGenerator(s -> switch (s) {
            case ANY -> "Any status";
            case DOWN -> "Down";
            case ALERTING -> "Alerting";
            case STALE -> "Stale";
            case UP -> "Up";
        });
        sort.setId("fleet-sort");
        sort.setAriaLabel("Sort");
        sort.setItems(FleetFilter.Sort.values());
        sort.setItemLabelGenerator(s -> switch (s) {
            case PROBLEMS -> "Problems first";
            case NAME -> "Name";
            case CPU -> "CPU";
            case MEMORY -> "Memory";
            case DISK -> "Disk";
            case GPU -> "GPU";
        });
        group.setId("fleet-group");
        group.setAriaLabel("Grouping");
        group.setItems(NO_GROUPS, BY_ROLE);
        group.setItemLabelGenerator(g -> BY_ROLE.equals(g) ? "Group by role" : "No groups");
        layout.setId("fleet-layout");
        setRoles(List.of());
        show(FleetFilter.DEFAULT);

        search.addValueChangeListener(e -> changed(onChange, filter.withSearch(e.getValue())));
        role.addValueChangeListener(e -> changed(onChange, filter.withRole(e.getValue() == null ? "" : e.getValue())));
        status.addValueChangeListener(e -> changed(onChange, filter.withStatus(e.getValue())));
        sort.addValueChangeListener(e -> changed(onChange, filter.withSort(e.getValue())));
        group.addValueChangeListener(e -> changed(onChange, filter.withGroupByRole(BY_ROLE.equals(e.getValue()))));
        layout.addClickListener(e -> changed(
                onChange,
                filter.withLayout(
                        filter.layout() == FleetFilter.Layout.CARDS
                                ? FleetFilter.Layout.TABLE
                                : FleetFilter.Layout.CARDS)));
        add(search, role, status, sort, group, layout);
    }

    private void changed(Consumer<FleetFilter> onChange, FleetFilter next) {
        if (updating || next.equals(filter)) {
            return;
        }
        show(next);
        onChange.accept(next);
    }

    /** Shows {@code next} in the fields without reporting it as a change. */
    void show(FleetFilter next) {
        filter = next;
        updating = true;
        try {
            if (!search.getValue().strip().equals(next.search())) {
                search.setValue(next.search());
            }
            if (!roles.contains(next.role())) {
                setRoles(roles); // adds the filter's role even when no server has it now
            }
            role.setValue(next.role());
            status.setValue(next.status());
            sort.setValue(next.sort());
            group.setValue(next.groupByRole() ? BY_ROLE : NO_GROUPS);
            boolean table = next.layout() == FleetFilter.Layout.TABLE;
            layout.setText(table ? "Cards" : "Table");
            layout.setIcon((table ? VaadinIcon.GRID_SMALL : VaadinIcon.TABLE).create());
            layout.setAriaLabel(table ? "Show cards" : "Show a table");
        } finally {
            updating = false;
        }
    }

    /** The roles to choose from; only touches the field when they changed. */
    void setRoles(List<String> fleetRoles) {
        List<String> items = new ArrayList<>();
        items.add(ALL_ROLES);
        items.addAll(fleetRoles);
        if (!filter.role().isEmpty() && !items.contains(filter.role())) {
            items.add(filter.role());
        }
        if (items.equals(roles)) {
            return;
        }
        roles = List.copyOf(items);
        boolean was = updating;
        updating = true;
        try {
            role.setItems(roles);
            role.setValue(filter.role());
        } finally {
            updating = was;
        }
    }
}
