package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infradash.ui.LoginView;
import dev.infradash.ui.OverviewView;
import dev.infradash.ui.SettingsView;
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
        assertThat(navigateTo("")).isInstanceOf(OverviewView.class);
        assertDenied("admin-only-test");
        assertDenied("settings");
    }

    @Test
    void anAdminReachesTheSettings() {
        logIn("admin", Role.ADMIN);
        assertThat(navigateTo("settings")).isInstanceOf(SettingsView.class);
    }

    @Test
    void anAdminSeesBoth() {
        logIn("admin", Role.ADMIN);
        assertThat(navigateTo("")).isInstanceOf(OverviewView.class);
        assertThat(navigateTo("admin-only-test")).isInstanceOf(AdminOnlyTestView.class);
    }

    @Test
    void aLoggedInUserIsSentOnFromTheLoginView() {
        logIn("viewer", Role.VIEWER);
        assertThat(navigateTo("login")).isInstanceOf(OverviewView.class);
    }
}
