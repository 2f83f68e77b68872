package dev.infradash.settings;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import dev.infradash.security.Role;
import dev.infradash.security.UserAccount;
import dev.infradash.security.UserService;

/**
 * Admins manage the accounts here. The service enforces the rules (ADMIN only, strong passwords,
 * never without an admin); this panel puts its refusals on the field they concern (issue 15: they
 * were toasts that vanished) and asks before deleting anyone.
 */
class UsersPanel extends Div {

    private final UserService users;
    private final Grid<UserAccount> grid = new Grid<>();
    private final TextField username = new TextField("Username");
    private final PasswordField password = new PasswordField("Password");
    private final Select<Role> role = new Select<>();

    UsersPanel(UserService users) {
        this.users = users;
        addClassName("users-panel");
        grid.addColumn(UserAccount::username).setHeader("User").setAutoWidth(true);
        grid.addComponentColumn(this::roleCell)
                .setHeader("Role")
                .setAutoWidth(true)
                .setKey("role");
        grid.addComponentColumn(this::actions)
                .setHeader("")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("actions");
        grid.setAllRowsVisible(true);
        grid.setId("users-grid");

        username.setId("new-username");
        password.setId("new-password");
        password.setHelperText("At least 12 characters");
        role.setLabel("Role");
        role.setItems(Role.values());
        role.setValue(Role.VIEWER);
        Button add = new Button("Add user", VaadinIcon.PLUS.create(), click -> create());
        add.setId("add-user");
        HorizontalLayout form = new HorizontalLayout(username, password, role, add);
        form.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        form.addClassName("user-form");
        add(new H2("Users"), grid, form);
        refresh();
    }

    private void create() {
        username.setInvalid(false);
        password.setInvalid(false);
        String problem = users.passwordProblem(password.getValue());
        if (problem != null) {
            refuse(password, problem);
            return;
        }
        try {
            users.create(username.getValue().strip(), password.getValue(), role.getValue());
        } catch (IllegalArgumentException | IllegalStateException e) {
            // the password passed above: what is left is the name (its form, or taken)
            refuse(username, String.valueOf(e.getMessage()));
            return;
        }
        username.clear();
        password.clear();
        done("User added");
    }

    private Select<Role> roleCell(UserAccount account) {
        Select<Role> select = new Select<>();
        select.setItems(Role.values());
        select.setValue(account.role());
        select.setWidth("8em"); // its default width alone pushed the actions off a phone's screen
        select.getElement().setAttribute("data-role-of", account.username());
        select.addValueChangeListener(change -> {
            if (!change.isFromClient()) {
                return;
            }
            try {
                users.changeRole(account.username(), change.getValue());
                done("Role changed");
            } catch (IllegalArgumentException | IllegalStateException e) {
                // e.g. the last admin: the choice goes back and the reason stays on the select
                select.setValue(change.getOldValue());
                refuse(select, String.valueOf(e.getMessage()));
            }
        });
        return select;
    }

    private HorizontalLayout actions(UserAccount account) {
        Button reset = new Button(VaadinIcon.KEY.create(), click -> resetPassword(account));
        reset.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        reset.setAriaLabel("Reset the password of " + account.username());
        Button delete = new Button(VaadinIcon.TRASH.create(), click -> confirmDelete(account));
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        delete.setAriaLabel("Delete " + account.username());
        delete.getElement().setAttribute("data-delete-user", account.username());
        return new HorizontalLayout(reset, delete);
    }

    private void resetPassword(UserAccount account) {
        PasswordField fresh = new PasswordField("New password for " + account.username());
        fresh.setId("reset-password");
        fresh.setWidthFull();
        Dialog dialog = new Dialog(fresh);
        Button save = new Button("Set password", click -> {
            String problem = users.passwordProblem(fresh.getValue());
            if (problem != null) {
                refuse(fresh, problem);
                return;
            }
            try {
                users.resetPassword(account.username(), fresh.getValue());
            } catch (IllegalArgumentException | IllegalStateException e) {
                refuse(fresh, String.valueOf(e.getMessage()));
                return;
            }
            dialog.close();
            done("Password changed");
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("reset-password-save");
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
        dialog.open();
    }

    /** Deleting ends the user's sessions and tokens: asked first; a refusal stays in the dialog. */
    private void confirmDelete(UserAccount account) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Delete user " + account.username() + "?");
        dialog.add(new Span("Their sessions end at once and their API tokens are revoked. This cannot be undone."));
        Span refusal = new Span();
        refusal.addClassName("form-error");
        refusal.setId("delete-user-error");
        refusal.setVisible(false);
        dialog.add(refusal);
        Button yes = new Button("Delete", click -> {
            try {
                users.delete(account.username());
            } catch (IllegalArgumentException | IllegalStateException e) {
                refusal.setText(String.valueOf(e.getMessage()));
                refusal.setVisible(true);
                return;
            }
            dialog.close();
            done("User deleted");
        });
        yes.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        yes.setId("confirm-delete-user");
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), yes);
        dialog.open();
    }

    private static void refuse(HasValidation field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }

    private void done(String message) {
        Notification.show(message, 3000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        refresh();
    }

    private void refresh() {
        grid.setItems(users.list());
    }

    /** Three narrow columns fit a phone as they are; the cells only wrap there. */
    void adapt(NarrowScreen screen) {
        screen.onChange(narrow -> {
            if (narrow) {
                grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
            } else {
                grid.removeThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
            }
        });
    }
}
