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
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.infradash.security.Role;
import dev.infradash.security.UserAccount;
import dev.infradash.targets.Actor;
import dev.infradash.targets.AuditEntry;
import dev.infradash.targets.ExporterDefinition;
import dev.infradash.targets.ExporterKind;
import dev.infradash.targets.ServerDefinition;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The settings flows in Karibu, on a real TargetFileStore in a temp directory. */
class SettingsViewTest extends SettingsViewFixture {

    @Test
    void anAdminAddsAServerThroughTheFormAndItIsWrittenAndAudited() throws Exception {
        open();
        _click(_get(Button.class, spec -> spec.withId("add-server")));
        fillForm("web-1", "Web One", "127.0.0.1", 9100);
        _click(_get(Button.class, spec -> spec.withId("server-save")));

        assertThat(gridItems()).extracting(ServerDefinition::id).containsExactly("web-1");
        assertThat(Files.readString(targets)).contains("\"server\" : \"web-1\"").contains("127.0.0.1:9100");
        assertThat(_find(TextField.class, spec -> spec.withId("server-id")))
                .as("the dialog closed")
                .isEmpty();
        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("pickup-status"))
                        .getText())
                .contains("Waiting for Prometheus");
        List<AuditEntry> entries = audit.recent(10);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).after()).extracting(ServerDefinition::id).containsExactly("web-1");
    }

    @Test
    void anInvalidHostIsShownOnItsFieldAndNothingIsWritten() {
        open();
        _click(_get(Button.class, spec -> spec.withId("add-server")));
        fillForm("web-1", "Web One", "256.1.1.1", 9100);
        _click(_get(Button.class, spec -> spec.withId("server-save")));

        TextField host = _get(TextField.class, spec -> spec.withClasses("exporter-host"));
        assertThat(host.isInvalid()).isTrue();
        assertThat(host.getErrorMessage()).contains("256");
        assertThat(Files.exists(targets)).as("nothing written").isFalse();
        assertThat(audit.recent(10)).isEmpty();
    }

    @Test
    void aSaveBasedOnAnOldListIsRefusedAndTheOtherEditIsKept() throws Exception {
        store.add(
                new ServerDefinition(
                        "db-1", "DB", "db", List.of(new ExporterDefinition(ExporterKind.NODE, "10.0.0.3", 9100))),
                store.load().version(),
                new Actor("bob", "127.0.0.1"));
        open();
        // another admin adds a server after this view loaded the list
        store.add(
                new ServerDefinition(
                        "db-2", "DB 2", "db", List.of(new ExporterDefinition(ExporterKind.NODE, "10.0.0.4", 9100))),
                store.load().version(),
                new Actor("carol", "127.0.0.1"));
        byte[] theirs = Files.readAllBytes(targets);

        _click(_get(Button.class, spec -> spec.withId("add-server")));
        fillForm("web-1", "Web One", "127.0.0.1", 9100);
        _click(_get(Button.class, spec -> spec.withId("server-save")));

        assertThat(NotificationsKt.getNotifications())
                .singleElement()
                .satisfies(notification -> assertThat(notification.getElement().getTextRecursively())
                        .contains("The server list changed since you opened it"));
        assertThat(_find(Button.class, spec -> spec.withId("reload-after-conflict")))
                .hasSize(1);
        assertThat(Files.readAllBytes(targets))
                .as("the other admin's save is intact")
                .isEqualTo(theirs);
        view.reload();
        assertThat(gridItems()).extracting(ServerDefinition::id).containsExactly("db-1", "db-2");
    }

    @Test
    void deleteAsksFirstAndThenRemovesTheServer() throws Exception {
        store.add(
                new ServerDefinition(
                        "db-1", "DB", "db", List.of(new ExporterDefinition(ExporterKind.NODE, "10.0.0.3", 9100))),
                store.load().version(),
                new Actor("bob", "127.0.0.1"));
        open();
        @SuppressWarnings("unchecked")
        Grid<ServerDefinition> grid = _get(Grid.class, spec -> spec.withId("servers-grid"));
        com.vaadin.flow.component.Component actions = GridKt._getCellComponent(grid, 0, "actions");
        _click(_get(actions, Button.class, spec -> spec.withAttribute("data-delete", "db-1")));
        assertThat(gridItems()).as("not before confirming").hasSize(1);
        _click(_get(Button.class, spec -> spec.withId("confirm-action")));
        assertThat(gridItems()).isEmpty();
        assertThat(Files.readString(targets)).doesNotContain("db-1");
    }

    /** Security review: one hand-edited entry that broke a rule blocked every add, edit and delete. */
    @Test
    void aHandEditedServerThatBreaksARuleIsNamedAndDoesNotBlockTheOthers() throws Exception {
        Files.writeString(targets, """
                [{"targets": ["10.0.0.1:9100"], "labels": {"server": "first", "__infradash_exporter": "node"}},
                 {"targets": ["10.0.0.1:9100"], "labels": {"server": "copy", "__infradash_exporter": "node",
                   "__infradash_name": "%s"}}]
                """.formatted("N".repeat(10_000)));
        open();
        com.vaadin.flow.component.html.Div problems =
                _get(com.vaadin.flow.component.html.Div.class, spec -> spec.withId("file-problems"));
        assertThat(problems.isVisible()).isTrue();
        assertThat(problems.getElement().getTextRecursively())
                .contains("Server \"copy\"")
                .contains("Display name is too long: 10000 characters")
                .contains("Node exporter host: 10.0.0.1:9100 is already the node exporter of server \"first\"")
                .as("named as the user knows them, not by JSON path")
                .doesNotContain("exporters[")
                .doesNotContain("displayName")
                .doesNotContain(
                        "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN");

        _click(_get(Button.class, spec -> spec.withId("add-server")));
        fillForm("web-1", "Web One", "127.0.0.2", 9100);
        _click(_get(Button.class, spec -> spec.withId("server-save")));
        assertThat(gridItems()).extracting(ServerDefinition::id).containsExactly("first", "copy", "web-1");

        _click(_get(problems, Button.class, spec -> spec.withAttribute("data-delete-faulty", "copy")));
        _click(_get(Button.class, spec -> spec.withId("confirm-action")));
        assertThat(gridItems()).extracting(ServerDefinition::id).containsExactly("first", "web-1");
        assertThat(problems.isVisible()).as("nothing left to repair").isFalse();
    }

    @Test
    void aFileInfradashCannotReadIsOnlyReplacedAfterConfirmation() throws Exception {
        Files.writeString(targets, "[{\"targets\": ");
        open();
        assertThat(view.getElement().getTextRecursively()).contains("The targets file cannot be used");
        assertThat(_get(Button.class, spec -> spec.withId("add-server")).isEnabled())
                .as("no normal save can be started over a file that cannot be read")
                .isFalse();
        assertThat(Files.readString(targets))
                .as("not overwritten by a normal save")
                .isEqualTo("[{\"targets\": ");
    }

    @Test
    void anAdminAddsAViewerAndCannotDeleteTheLastAdmin() {
        open();
        _setValue(_get(TextField.class, spec -> spec.withId("new-username")), "carol");
        _setValue(
                _get(com.vaadin.flow.component.textfield.PasswordField.class, spec -> spec.withId("new-password")),
                "a-long-enough-password");
        _click(_get(Button.class, spec -> spec.withId("add-user")));
        assertThat(users.list())
                .extracting(UserAccount::username, UserAccount::role)
                .contains(org.assertj.core.groups.Tuple.tuple("carol", Role.VIEWER));

        @SuppressWarnings("unchecked")
        Grid<UserAccount> grid = _get(Grid.class, spec -> spec.withId("users-grid"));
        int adminRow = GridKt._findAll(grid).indexOf(new UserAccount("admin", Role.ADMIN));
        com.vaadin.flow.component.Component actions = GridKt._getCellComponent(grid, adminRow, "actions");
        _click(_get(actions, Button.class, spec -> spec.withAttribute("data-delete-user", "admin")));
        _click(_get(Button.class, spec -> spec.withId("confirm-delete-user")));
        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("delete-user-error"))
                        .getText())
                .as("the refusal stays in the dialog, not a toast")
                .contains("last admin");
        assertThat(users.list()).extracting(UserAccount::username).contains("admin");
    }

    @Test
    void aTokenIsShownOnceAndABadNameLandsOnItsField() {
        open();
        _setValue(_get(Select.class, spec -> spec.withId("token-owner")), "admin");
        _setValue(_get(TextField.class, spec -> spec.withId("token-name")), "bad\u0000name");
        _click(_get(Button.class, spec -> spec.withId("create-token")));
        TextField name = _get(TextField.class, spec -> spec.withId("token-name"));
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).contains("token name");
        assertThat(tokens.list()).isEmpty();

        _setValue(name, "ansible");
        _click(_get(Button.class, spec -> spec.withId("create-token")));
        String secret =
                _get(TextField.class, spec -> spec.withId("new-token-secret")).getValue();
        assertThat(secret).startsWith("idt_");
        assertThat(tokens.list())
                .singleElement()
                .satisfies(token -> assertThat(token.name()).isEqualTo("ansible"));
        assertThat(tokens.list().get(0).toString())
                .as("nothing in the list can show it again")
                .doesNotContain(secret.substring(17));
    }
}
