package dev.infradash.alerting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;

/**
 * The alert rules for admins: list, add, edit, enable/disable, delete. Thin: {@link AlertRules}
 * validates, writes and reloads. A save reloads Prometheus, a network call, so it runs off the UI
 * thread (with the admin's security context, for the audit trail) and the result comes back
 * through {@code UI.access}.
 */
@Route("alerting/rules")
@Menu(order = 3, icon = "vaadin:bell", title = "Alert rules")
@PageTitle("Alert rules · Infradash")
@RolesAllowed("ADMIN")
class AlertRulesView extends Div {

    private final AlertRules rules;
    private final Grid<AlertRule> grid = new Grid<>();

    AlertRulesView(AlertRules rules) {
        this.rules = rules;
        addClassName("alert-rules-view");
        Button add = new Button("Add rule", click -> openDialog(null));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setId("add-rule");
        grid.addColumn(AlertRule::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(RuleExpressions::sentence).setHeader("Condition").setFlexGrow(2);
        grid.addColumn(rule -> rule.severity().key()).setHeader("Severity").setAutoWidth(true);
        grid.addColumn(rule -> rule.scope().words()).setHeader("Scope");
        grid.addColumn(this::channelNames).setHeader("Channels");
        grid.addComponentColumn(this::enabledToggle).setHeader("Enabled").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setKey("actions");
        grid.setAllRowsVisible(true);
        grid.setId("rules-grid");
        add(new H2("Alert rules"), add, grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(rules.list());
    }

    private String channelNames(AlertRule rule) {
        if (rule.channels().isEmpty()) {
            return "All channels";
        }
        Map<String, String> names = rules.channels().stream()
                .collect(Collectors.toMap(ChannelDirectory.ChannelSummary::id, ChannelDirectory.ChannelSummary::name));
        return rule.channels().stream().map(id -> names.getOrDefault(id, id)).collect(Collectors.joining(", "));
    }

    private Checkbox enabledToggle(AlertRule rule) {
        Checkbox box = new Checkbox(rule.enabled());
        box.setAriaLabel("Enabled: " + rule.name());
        box.addValueChangeListener(event -> {
            if (event.isFromClient()) {
                run(
                        () -> rules.setEnabled(rule.id(), event.getValue()),
                        done -> {
                            refresh();
                            notify((event.getValue() ? "Enabled " : "Disabled ") + rule.name(), false);
                        },
                        error -> {
                            refresh();
                            notify(error, true);
                        });
            }
        });
        return box;
    }

    private HorizontalLayout actions(AlertRule rule) {
        Button edit = new Button("Edit", click -> openDialog(rule));
        Button delete = new Button("Delete", click -> confirmDelete(rule));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        return new HorizontalLayout(edit, delete);
    }

    private void openDialog(@Nullable AlertRule rule) {
        // the version the dialog shows: a save is refused if the rule changed since (another
        // replica's UI, a script), instead of silently writing the old fields back
        String version = rule == null ? null : rules.version(rule);
        RuleDialog[] holder = new RuleDialog[1];
        holder[0] =
                new RuleDialog(rule, rules.servers(), rules.channels(), body -> save(rule, version, body, holder[0]));
        holder[0].open();
    }

    private void save(@Nullable AlertRule rule, @Nullable String version, ObjectNode body, RuleDialog dialog) {
        Supplier<AlertRule> write =
                rule == null ? () -> rules.create(body) : () -> rules.update(rule.id(), body, version);
        run(
                write,
                saved -> {
                    dialog.close();
                    refresh();
                    notify("Saved " + saved.name(), false);
                },
                dialog::showFormError,
                dialog::showErrors);
    }

    private void confirmDelete(AlertRule rule) {
        String version = rules.version(rule); // as shown in the grid: a changed rule is not deleted unseen
        Dialog confirm = new Dialog();
        confirm.setHeaderTitle("Delete " + rule.name() + "?");
        confirm.add(new Span("Its alerts stop; Prometheus forgets the rule at the next reload."));
        Button yes = new Button("Delete", click -> {
            confirm.close();
            run(
                    () -> {
                        rules.delete(rule.id(), version);
                        return rule;
                    },
                    done -> {
                        refresh();
                        notify("Deleted " + rule.name(), false);
                    },
                    error -> notify(error, true));
        });
        yes.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        yes.setId("confirm-delete");
        confirm.getFooter().add(new Button("Cancel", click -> confirm.close()), yes);
        confirm.open();
    }

    private void run(
            Supplier<AlertRule> write,
            java.util.function.Consumer<AlertRule> done,
            java.util.function.Consumer<String> failed) {
        run(
                write,
                done,
                failed,
                errors -> failed.accept(
                        errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "))));
    }

    /** Runs the write off the UI thread; its outcome comes back through UI.access. */
    private void run(
            Supplier<AlertRule> write,
            java.util.function.Consumer<AlertRule> done,
            java.util.function.Consumer<String> failed,
            java.util.function.Consumer<List<RuleFieldError>> invalid) {
        UI ui = UI.getCurrent();
        CompletableFuture.runAsync(new DelegatingSecurityContextRunnable(() -> {
            try {
                AlertRule result = write.get();
                ui.access(() -> done.accept(result));
            } catch (InvalidRuleException e) {
                ui.access(() -> invalid.accept(e.errors()));
            } catch (RuleChangedException e) {
                ui.access(() -> {
                    refresh();
                    failed.accept("This rule was changed meanwhile (elsewhere or by a script); nothing was"
                            + " saved. Close and reopen it to see the current rule");
                });
            } catch (RuntimeException e) {
                ui.access(() -> failed.accept(String.valueOf(e.getMessage())));
            }
        }));
    }

    private static void notify(String text, boolean error) {
        Notification.show(text, error ? 8000 : 3000, Notification.Position.BOTTOM_START)
                .addThemeVariants(error ? NotificationVariant.LUMO_ERROR : NotificationVariant.LUMO_SUCCESS);
    }
}
