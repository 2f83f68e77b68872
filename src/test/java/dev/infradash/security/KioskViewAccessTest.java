package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Kiosk mode opens the overview to anonymous visitors, and no other view. */
@TestPropertySource(properties = "infradash.security.anonymous-read=true")
class KioskViewAccessTest extends KaribuNavigation {

    @Test
    void anonymousVisitorsSeeTheOverviewButNothingElse() {
        assertThat(navigateTo(""))
                .extracting(view -> view.getClass().getSimpleName())
                .isEqualTo("OverviewView");
        assertThat(navigateTo("admin-only-test")).isInstanceOf(LoginView.class);
    }

    @Test
    void aViewerStillCannotOpenAnAdminView() {
        logIn("viewer", Role.VIEWER);
        assertThat(navigateTo(""))
                .extracting(view -> view.getClass().getSimpleName())
                .isEqualTo("OverviewView");
        assertDenied("admin-only-test");
    }
}
