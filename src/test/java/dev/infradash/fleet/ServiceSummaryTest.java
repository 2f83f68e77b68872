package dev.infradash.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The card's "services 4/5" line (issue 14). */
class ServiceSummaryTest {

    private static ServiceState state(String name, Boolean up, Double certDays) {
        return new ServiceState(name, "http", "http://10.0.0.7/", up, 12.0, 200, 99.0, certDays, null);
    }

    @Test
    void countsUpChecksNamesTheFailingOnesAndTakesTheProblemColour() {
        ServiceSummary summary = new ServiceSummary();
        boolean down = summary.show(List.of(
                state("qdrant", false, null),
                state("proxmox", true, null),
                state("ssh", true, null),
                state("ping", null, null),
                state("nfs", false, null)));
        assertThat(down).isTrue();
        assertThat(summary.getText()).isEqualTo("services 2/5 · down: qdrant, nfs");
        assertThat(summary.getElement().getThemeList()).contains("badge", "error");
        assertThat(summary.getElement().getAttribute("title"))
                .contains("qdrant (http): DOWN", "ping (http): not probed yet");
        assertThat(summary.isVisible()).isTrue();
    }

    @Test
    void allUpIsSuccessAnExpiringCertificateAWarningAndNoChecksHidesIt() {
        ServiceSummary summary = new ServiceSummary();
        assertThat(summary.show(List.of(state("web", true, 90.0)))).isFalse();
        assertThat(summary.getElement().getThemeList()).contains("success").doesNotContain("error");
        summary.show(List.of(state("web", true, 3.0)));
        assertThat(summary.getText()).isEqualTo("services 1/1 · certificate expiring");
        assertThat(summary.getElement().getThemeList()).contains("warning").doesNotContain("success");
        summary.show(List.of());
        assertThat(summary.isVisible()).isFalse();
    }
}
