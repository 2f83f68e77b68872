package dev.infradash.settings;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import dev.infradash.security.Role;
import dev.infradash.security.UserAccount;
import dev.infradash.targets.Actor;
import dev.infradash.targets.ExporterDefinition;
import dev.infradash.targets.ExporterKind;
import dev.infradash.targets.ServerDefinition;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 in Settings, in Karibu on a real TargetFileStore: a filter for long lists, a warning
 * before a rename orphans a server's history, user refusals on their fields, and no blank grid
 * when the file is broken.
 */
class SettingsPolishTest extends SettingsViewFixture {

    private void addServer(String id, String name, String role, String host) throws Exception {
        store.add(
                new ServerDefinition(id, name, role, List.of(new ExporterDefinition(ExporterKind.NODE, host, 9100))),
                store.load().version(),
                new Actor("bob", "127.0.0.1"));
    }

    @Test
    void theFilterNarrowsTheListByIdNameRoleOrAddress() throws Exception {
        addServer("web-1", "Frontend", "web", "10.0.0.1");
        addServer("db-1", "Postgres", "database", "10.0.0.2");
        addServer("gpu-1", "Trainer", "gpu", "10.0.0.3");
        open();
        TextField filter = _get(TextField.class, spec -> spec.withId("server-filter"));
        _setValue(filter, "postg");
        assertThat(gridItems()).extracting(ServerDefinition::id).containsExactly("db-1");
        _setValue(filter, "10.0.0.3");
        assertThat(gridItems()).extracting(ServerDefinition::id).containsExactly("gpu-1");
        _setValue(filter, "WEB");
        assertThat(gridItems()).extracting(ServerDefinition::id).containsExactly("web-1");
        _setValue(filter, "nothing-like-this");
        assertThat(gridItems()).isEmpty();
        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("no-server-match"))
                        .getText())
                .contains("No server matches");
        _setValue(filter, "");
        assertThat(gridItems()).hasSize(3);
    }

    @Test
    void renamingAServerWarnsAndSavesOnlyAfterConfirmation() throws Exception {
        addServer("gpu-01", "GPU", "gpu", "10.0.0.9");
        open();
        @SuppressWarnings("unchecked")
        Grid<ServerDefinition> grid = _get(Grid.class, spec -> spec.withId("servers-grid"));
        _click(_get(
                GridKt._getCellComponent(grid, 0, "actions"),
                Button.class,
                spec -> spec.withAttribute("data-edit", "gpu-01")));
        TextField id = _get(TextField.class, spec -> spec.withId("server-id"));
        _setValue(id, "gpu-02");
        assertThat(id.getHelperText()).contains("starts a new history").contains("gpu-01");

        _click(_get(Button.class, spec -> spec.withId("server-save")));
        assertThat(store.load().value())
                .as("nothing saved before the admin confirms")
                .extracting(ServerDefinition::id)
                .containsExactly("gpu-01");
        _click(_get(Button.class, spec -> spec.withId("confirm-action")));
        assertThat(store.load().value()).extracting(ServerDefinition::id).containsExactly("gpu-02");
    }

    @Test
    void anUnchangedIdSavesWithoutAskingAndShowsNoWarning() throws Exception {
        addServer("gpu-01", "GPU", "gpu", "10.0.0.9");
        open();
        @SuppressWarnings("unchecked")
        Grid<ServerDefinition> grid = _get(Grid.class, spec -> spec.withId("servers-grid"));
        _click(_get(
                GridKt._getCellComponent(grid, 0, "actions"),
                Button.class,
                spec -> spec.withAttribute("data-edit", "gpu-01")));
        _setValue(_get(TextField.class, spec -> spec.withId("server-display-name")), "GPU one");
        assertThat(_get(TextField.class, spec -> spec.withId("server-id")).getHelperText())
                .doesNotContain("history");
        _click(_get(Button.class, spec -> spec.withId("server-save")));
        assertThat(store.load().value())
                .extracting(ServerDefinition::displayName)
                .containsExactly("GPU one");
    }

    @Test
    void aDuplicateIdNamesTheOtherServerNotItsIndex() throws Exception {
        addServer("web-1", "Frontend", "web", "10.0.0.1");
        open();
        _click(_get(Button.class, spec -> spec.withId("add-server")));
        fillForm("web-1", "Another", "10.0.0.7", 9100);
        _click(_get(Button.class, spec -> spec.withId("server-save")));
        TextField id = _get(TextField.class, spec -> spec.withId("server-id"));
        assertThat(id.isInvalid()).isTrue();
        assertThat(id.getErrorMessage())
                .isEqualTo("\"web-1\" is already used by another server (\"Frontend\")")
                .doesNotContain("servers[");

        _setValue(id, "web-2");
        _setValue(_get(TextField.class, spec -> spec.withClasses("exporter-host")), "10.0.0.1");
        _click(_get(Button.class, spec -> spec.withId("server-save")));
        TextField host = _get(TextField.class, spec -> spec.withClasses("exporter-host"));
        assertThat(host.getErrorMessage())
                .contains("is already the node exporter of server \"web-1\"")
                .doesNotContain("exporters[");
    }

    @Test
    void deletingAUserAsksFirst() {
        users.create("carol", "a-long-enough-password", Role.VIEWER);
        open();
        @SuppressWarnings("unchecked")
        Grid<UserAccount> grid = _get(Grid.class, spec -> spec.withId("users-grid"));
        int row = GridKt._findAll(grid).indexOf(new UserAccount("carol", Role.VIEWER));
        _click(_get(
                GridKt._getCellComponent(grid, row, "actions"),
                Button.class,
                spec -> spec.withAttribute("data-delete-user", "carol")));
        assertThat(users.list())
                .as("not before confirming")
                .extracting(UserAccount::username)
                .contains("carol");
        _click(_get(Button.class, spec -> spec.withId("confirm-delete-user")));
        assertThat(users.list()).extracting(UserAccount::username).doesNotContain("carol");
    }

    @Test
    void aRefusedUserLandsOnItsFieldNotInAToast() {
        open();
        TextField username = _get(TextField.class, spec -> spec.withId("new-username"));
        PasswordField password = _get(PasswordField.class, spec -> spec.withId("new-password"));
        _setValue(username, "dave");
        _setValue(password, "short");
        _click(_get(Button.class, spec -> spec.withId("add-user")));
        assertThat(password.isInvalid()).isTrue();
        assertThat(password.getErrorMessage()).contains("at least 12 characters");
        assertThat(NotificationsKt.getNotifications()).as("no toast").isEmpty();

        _setValue(username, "admin");
        _setValue(password, "a-long-enough-password");
        _click(_get(Button.class, spec -> spec.withId("add-user")));
        assertThat(password.isInvalid()).isFalse();
        assertThat(username.isInvalid()).isTrue();
        assertThat(username.getErrorMessage()).contains("already exists");
        assertThat(NotificationsKt.getNotifications()).as("no toast").isEmpty();
    }

    @Test
    void aBrokenFileExplainsItselfInsteadOfABlankGrid() throws Exception {
        Files.writeString(targets, "[\n  {\"targets\": [\"10.0.0.1:9100\"],\n");
        open();
        String text = view.getElement().getTextRecursively();
        assertThat(text)
                .contains("The targets file cannot be used")
                .contains("line ")
                .contains("the file ends too early")
                .doesNotContain("Source:")
                .doesNotContain("StreamReadFeature");
        assertThat(_get(com.vaadin.flow.component.html.Div.class, spec -> spec.withId("servers-unreadable"))
                        .getText())
                .contains("cannot be shown or edited while the targets file is broken");
        assertThat(_find(Grid.class, spec -> spec.withId("servers-grid")))
                .as("no blank grid")
                .isEmpty();
    }
}
