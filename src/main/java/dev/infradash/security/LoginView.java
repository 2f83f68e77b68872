package dev.infradash.security;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.infradash.base.Links;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The login page, centred on any screen. The form posts natively to Spring Security's
 * {@code /login}; a refused login comes back here as {@code ?error} or {@code ?locked=<seconds>}
 * and is explained above the form, with the username typed before filled in again and, while
 * locked, a countdown that ticks in the browser.
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Log in · Infradash")
@AnonymousAllowed
class LoginView extends Div implements BeforeEnterObserver {

    private static final long MAX_SHOWN_SECONDS = 86_400;

    /**
     * Counts down in the browser, once a second, from the seconds the server gave: no server round
     * trip per tick, and it keeps counting while the page sits idle.
     */
    private static final String COUNTDOWN = """
            const element = this;
            let left = $0;
            const text = (seconds) => seconds >= 60
                ? Math.floor(seconds / 60) + ' min ' + String(seconds % 60).padStart(2, '0') + ' s'
                : seconds + ' s';
            const tick = () => {
              left -= 1;
              element.textContent = left > 0 ? 'You can try again in ' + text(left) + '.' : 'You can try again now.';
              if (left > 0) { setTimeout(tick, 1000); }
            };
            element.textContent = 'You can try again in ' + text(left) + '.';
            setTimeout(tick, 1000);
            """;

    /** Fills the username field once the form has rendered it, and puts the cursor in the password. */
    private static final String KEEP_USERNAME = """
            const form = this;
            const username = $0;
            const fill = (tries) => {
              const field = form.querySelector('#vaadinLoginUsername');
              if (field) {
                field.value = username;
                const password = form.querySelector('#vaadinLoginPassword');
                if (password) { password.focus(); }
              } else if (tries > 0) {
                setTimeout(() => fill(tries - 1), 50);
              }
            };
            customElements.whenDefined('vaadin-login-form').then(() => fill(100));
            """;

    private final AuthenticationContext authentication;
    private final LoginForm form = new LoginForm();
    private final Paragraph countdown = new Paragraph();

    public LoginView(AuthenticationContext authentication) {
        this.authentication = authentication;
        addClassName("login-view");
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        form.setI18n(i18n("Incorrect username or password", "Check them and try again."));
        countdown.setId("lockout-countdown");
        countdown.addClassName("lockout-countdown");
        countdown.setVisible(false);
        add(form, countdown);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (authentication.isAuthenticated()) {
            event.forwardTo(Links.OVERVIEW);
            return;
        }
        Map<String, List<String>> parameters =
                event.getLocation().getQueryParameters().getParameters();
        Long lockedSeconds = seconds(parameters.get("locked"));
        if (lockedSeconds != null) {
            form.setI18n(i18n(
                    "Too many failed logins",
                    "Login is locked for this user from this address for a while: see the countdown below."));
            form.setError(true);
            countdown.setText("You can try again in " + lockedSeconds + " s.");
            countdown.setVisible(true);
            countdown.getElement().executeJs(COUNTDOWN, lockedSeconds.intValue());
        } else if (parameters.containsKey("error")) {
            form.setError(true);
        }
        String username = lastUsername();
        if (username != null && (lockedSeconds != null || parameters.containsKey("error"))) {
            form.getElement().executeJs(KEEP_USERNAME, username);
        }
    }

    /** The username of the refused attempt, read once (see {@link LoginFailureHandler}). */
    private static @Nullable String lastUsername() {
        VaadinSession session = VaadinSession.getCurrent();
        WrappedSession http = session == null ? null : session.getSession();
        if (http == null) {
            return null;
        }
        Object value = http.getAttribute(LoginFailureHandler.LAST_USERNAME);
        http.removeAttribute(LoginFailureHandler.LAST_USERNAME);
        return value instanceof String username ? username : null;
    }

    /** The number from the URL, clamped: anyone can type a URL, so it only ever sizes a message. */
    private static @Nullable Long seconds(@Nullable List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        try {
            return Math.max(1, Math.min(MAX_SHOWN_SECONDS, Long.parseLong(values.get(0))));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static LoginI18n i18n(String errorTitle, String errorMessage) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Infradash");
        i18n.getErrorMessage().setTitle(errorTitle);
        i18n.getErrorMessage().setMessage(errorMessage);
        return i18n;
    }

    LoginForm form() {
        return form;
    }

    Paragraph countdown() {
        return countdown;
    }
}
