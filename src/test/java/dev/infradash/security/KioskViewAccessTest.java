package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infradash.ui.LoginView;
import dev.infradash.ui.OverviewView;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Kiosk mode opens the overview to anonymous visitors, and no other view. */
@TestPropertySource(properties = "infradash.security.anonymous-read=true")
class KioskViewAccessTest extends KaribuNavigation {

    @Test
    void anonymousVisitorsSeeTheOverviewButNothingElse() {
        assertThat(navigateTo("")).isInstanceOf(OverviewView.class);
        assertThat(navigateTo("admin-only-test")).isInstanceOf(LoginView.class);
    }

    @Test
    void aViewerStillCannotOpenAnAdminView() {
        logIn("viewer", Role.VIEWER);
        assertThat(navigateTo("")).isInstanceOf(OverviewView.class);
        assertDenied("admin-only-test");
    }
}
