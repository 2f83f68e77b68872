package dev.infradash.alerting;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import dev.infradash.audit.AuditTrail;
import dev.infradash.base.FileOperations;
import dev.infradash.prometheus.AlertmanagerClient;
import dev.infradash.prometheus.AlertmanagerProperties;
import dev.infradash.testsupport.KaribuTest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The Notifications view in Karibu on a real ChannelService and channels file; Alertmanager is
 * a closed port (the file is still written; its status says Alertmanager did not answer).
 */
class NotificationsViewTest extends KaribuTest {

    @TempDir
    Path dir;

    private AlertmanagerClient alertmanager;
    private ChannelService service;
    private ChannelStore store;

    @BeforeEach
    void setUp() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        alertmanager = new AlertmanagerClient(AlertmanagerProperties.of(URI.create("http://127.0.0.1:" + closedPort)));
        ObjectMapper json = new ObjectMapper();
        Clock clock = Clock.systemUTC();
        store = new ChannelStore(dir.resolve("data"), json);
        service = new ChannelService(
                store,
                new AlertmanagerConfigWriter(dir.resolve("alertmanager/alertmanager.yml"), alertmanager, clock),
                alertmanager,
                new StaticListableBeanFactory().getBeanProvider(RuleRoutes.class),
                new DeliveryStatus(alertmanager, clock),
                new ChannelAudit(new AuditTrail(dir.resolve("data"), json, FileOperations.SYSTEM), json, clock),
                URI.create("http://127.0.0.1:8080"),
                AlertingDefaults.timings(),
                clock);
        UI.getCurrent().add(new NotificationsView(service));
    }

    @AfterEach
    void close() {
        alertmanager.close();
    }

    @Test
    void anAdminAddsATelegramChannelAndItsTokenIsNeverShownAgain() throws Exception {
        String token = "123456:AAEsecretBotTokenValue_xyz";
        _click(_get(Button.class, spec -> spec.withId("add-channel")));
        _setValue(_get(TextField.class, spec -> spec.withId("channel-name")), "phone");
        @SuppressWarnings("unchecked")
        var type = (com.vaadin.flow.component.select.Select<ChannelType>)
                _get(com.vaadin.flow.component.select.Select.class, spec -> spec.withId("channel-type"));
        type.setValue(ChannelType.TELEGRAM);
        _setValue(_get(PasswordField.class, spec -> spec.withId("channel-field-botToken")), token);
        _setValue(_get(TextField.class, spec -> spec.withId("channel-field-chatId")), "-100123");
        _click(_get(Button.class, spec -> spec.withId("channel-save")));

        assertThat(store.all())
                .singleElement()
                .satisfies(c -> assertThat(c.field("botToken")).isEqualTo(token));
        assertThat(Files.readString(dir.resolve("alertmanager/alertmanager.yml")))
                .contains("ch-" + store.all().get(0).id());
        awaitUi(() -> {
            @SuppressWarnings("unchecked")
            Grid<ChannelService.ChannelInfo> grid = _get(Grid.class, spec -> spec.withId("channels-grid"));
            assertThat(GridKt._size(grid)).isEqualTo(1);
            String row = String.join(" | ", GridKt._getFormattedRow(grid, 0));
            assertThat(row)
                    .contains("phone")
                    .contains("Telegram")
                    .contains(Channel.MASK)
                    .doesNotContain(token);
        });

        // editing shows the secret field empty, and saving it blank keeps the stored token
        @SuppressWarnings("unchecked")
        Grid<ChannelService.ChannelInfo> grid = _get(Grid.class, spec -> spec.withId("channels-grid"));
        var actions =
                (com.vaadin.flow.component.orderedlayout.HorizontalLayout) GridKt._getCellComponent(grid, 0, "actions");
        _click((Button) actions.getComponentAt(0));
        PasswordField secret = _get(PasswordField.class, spec -> spec.withId("channel-field-botToken"));
        assertThat(secret.getValue()).isEmpty();
        _setValue(_get(TextField.class, spec -> spec.withId("channel-field-chatId")), "-100999");
        _click(_get(Button.class, spec -> spec.withId("channel-save")));
        assertThat(store.all()).singleElement().satisfies(c -> {
            assertThat(c.field("botToken")).isEqualTo(token);
            assertThat(c.field("chatId")).isEqualTo("-100999");
        });
    }

    @Test
    void aBadUrlIsShownOnTheFieldAndNothingIsSaved() {
        _click(_get(Button.class, spec -> spec.withId("add-channel")));
        _setValue(_get(TextField.class, spec -> spec.withId("channel-name")), "ops");
        TextField url = _get(TextField.class, spec -> spec.withId("channel-field-url"));
        _setValue(url, "file:///etc/passwd");
        _click(_get(Button.class, spec -> spec.withId("channel-save")));
        assertThat(url.isInvalid()).isTrue();
        assertThat(url.getErrorMessage()).contains("http");
        assertThat(store.all()).isEmpty();
        assertThat(Files.exists(dir.resolve("alertmanager/alertmanager.yml"))).isFalse();
        assertThat(List.of(store.file()))
                .allSatisfy(f -> assertThat(Files.exists(f)).isFalse());
    }
}
