package dev.infradash.settings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
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
 * never without an admin); this panel shows its answers as they are.
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
        Button add = new Button(
                "Add user",
                VaadinIcon.PLUS.create(),
                click -> act(
                        () -> {
                            users.create(username.getValue().strip(), password.getValue(), role.getValue());
                            username.clear();
                            password.clear();
                        },
                        "User added"));
        add.setId("add-user");
        HorizontalLayout form = new HorizontalLayout(username, password, role, add);
        form.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        form.getStyle().set("flex-wrap", "wrap");
        add(new H2("Users"), grid, form);
        refresh();
    }

    private Select<Role> roleCell(UserAccount account) {
        Select<Role> select = new Select<>();
        select.setItems(Role.values());
        select.setValue(account.role());
        select.addValueChangeListener(change -> {
            if (change.isFromClient()) {
                act(() -> users.changeRole(account.username(), change.getValue()), "Role changed");
            }
        });
        return select;
    }

    private HorizontalLayout actions(UserAccount account) {
        Button reset = new Button(VaadinIcon.KEY.create(), click -> {
            PasswordField fresh = new PasswordField("New password for " + account.username());
            com.vaadin.flow.component.dialog.Dialog dialog = new com.vaadin.flow.component.dialog.Dialog(fresh);
            Button save = new Button(
                    "Set password",
                    c -> act(
                            () -> {
                                users.resetPassword(account.username(), fresh.getValue());
                                dialog.close();
                            },
                            "Password changed"));
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            dialog.getFooter().add(new Button("Cancel", c -> dialog.close()), save);
            dialog.open();
        });
        reset.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        reset.setAriaLabel("Reset the password of " + account.username());
        Button delete = new Button(
                VaadinIcon.TRASH.create(), click -> act(() -> users.delete(account.username()), "User deleted"));
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        delete.setAriaLabel("Delete " + account.username());
        delete.getElement().setAttribute("data-delete-user", account.username());
        return new HorizontalLayout(reset, delete);
    }

    /** Runs a change; the service's refusal (bad input, last admin) is shown, not swallowed. */
    private void act(Runnable change, String done) {
        try {
            change.run();
            Notification.show(done, 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (IllegalArgumentException | IllegalStateException e) {
            Notification.show(e.getMessage(), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    private void refresh() {
        grid.setItems(users.list());
    }
}
