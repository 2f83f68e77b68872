package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which views anonymous visitors, viewers and admins reach, with login required (the default). */
class ViewAccessTest extends KaribuNavigation {

    @Test
    void anonymousVisitorsLandOnTheLoginView() {
        assertThat(navigateTo("")).isInstanceOf(LoginView.class);
        assertThat(navigateTo("admin-only-test")).isInstanceOf(LoginView.class);
    }

    @Test
    void aViewerSeesTheOverviewButNotAnAdminView() {
        logIn("viewer", Role.VIEWER);
        assertThat(navigateTo(""))
                .extracting(view -> view.getClass().getSimpleName())
                .isEqualTo("OverviewView");
        assertDenied("admin-only-test");
        assertDenied("settings");
    }

    @Test
    void anAdminReachesTheSettings() {
        logIn("admin", Role.ADMIN);
        assertThat(navigateTo("settings"))
                .extracting(view -> view.getClass().getSimpleName())
                .isEqualTo("SettingsView");
    }

    @Test
    void anAdminSeesBoth() {
        logIn("admin", Role.ADMIN);
        assertThat(navigateTo(""))
                .extracting(view -> view.getClass().getSimpleName())
                .isEqualTo("OverviewView");
        assertThat(navigateTo("admin-only-test")).isInstanceOf(AdminOnlyTestView.class);
    }

    @Test
    void aLoggedInUserIsSentOnFromTheLoginView() {
        logIn("viewer", Role.VIEWER);
        assertThat(navigateTo("login"))
                .extracting(view -> view.getClass().getSimpleName())
                .isEqualTo("OverviewView");
    }
}
