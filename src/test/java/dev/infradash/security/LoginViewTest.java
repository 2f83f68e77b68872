package dev.infradash.security;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.login.LoginForm;
import org.junit.jupiter.api.Test;

/** What the login view says after Spring Security sends a refused login back to it. */
class LoginViewTest extends KaribuNavigation {

    @Test
    void noErrorAtFirst() {
        assertThat(navigateTo("login")).isInstanceOf(LoginView.class);
        LoginForm form = _get(LoginForm.class);
        assertThat(form.isError()).isFalse();
        assertThat(form.getAction()).isEqualTo("login");
    }

    @Test
    void badCredentials() {
        navigateTo("login?error");
        LoginForm form = _get(LoginForm.class);
        assertThat(form.isError()).isTrue();
        assertThat(i18n(form)).contains("Incorrect username or password");
    }

    @Test
    void lockedWithTheSecondsLeft() {
        navigateTo("login?locked=42");
        LoginForm form = _get(LoginForm.class);
        assertThat(form.isError()).isTrue();
        assertThat(i18n(form)).contains("Too many failed logins");
        LoginView view = (LoginView) com.vaadin.flow.component.UI.getCurrent().getCurrentView();
        assertThat(view.countdown().isVisible()).isTrue();
        assertThat(view.countdown().getText()).isEqualTo("You can try again in 42 s.");
    }

    /** The texts as sent to the browser: LoginForm keeps its i18n getter to itself. */
    private static String i18n(LoginForm form) {
        return String.valueOf(form.getElement().getPropertyRaw("i18n"));
    }
}
