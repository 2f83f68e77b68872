package dev.infradash.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import dev.infradash.fleet.ServiceState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The detail view's service checks (issue 14). */
class ServiceChecksPanelTest {

    @Test
    void showsEachCheckWithStatusUptimeAndACertificateWarningUnder14Days() {
        ServiceChecksPanel panel = new ServiceChecksPanel();
        panel.show(List.of(
                new ServiceState("proxmox", "http", "https://10.0.0.8:8006/", true, 42.4, 200, 99.25, 9.6, null),
                new ServiceState("ssh", "tcp", "10.0.0.7:22", false, null, null, 50.0, null, null)));
        assertThat(panel.isVisible()).isTrue();
        String text = panel.getElement().getTextRecursively();
        assertThat(text)
                .contains("proxmox (http) https://10.0.0.8:8006/", "UP", "42 ms", "HTTP 200", "uptime 24 h 99.25 %")
                .contains("TLS certificate: 10 days left — renew it (under 14 days)")
                .contains("ssh (tcp)", "DOWN");
        List<Component> rows = panel.getChildren().toList().get(1).getChildren().toList();
        assertThat(rows.get(0).getElement().getClassList()).contains("cert-warning");
        assertThat(rows.get(1).getElement().getClassList()).contains("service-down");

        panel.show(List.of());
        assertThat(panel.isVisible()).isFalse();
    }
}
