package dev.infradash.security;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.infradash.base.Links;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The login page. The form posts natively to Spring Security's {@code /login}; a refused login
 * comes back here as {@code ?error} or {@code ?locked=<seconds>} and is explained above the form.
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Log in · Infradash")
@AnonymousAllowed
class LoginView extends Div implements BeforeEnterObserver {

    private static final long MAX_SHOWN_SECONDS = 86_400;

    private final AuthenticationContext authentication;
    private final LoginForm form = new LoginForm();

    public LoginView(AuthenticationContext authentication) {
        this.authentication = authentication;
        addClassName("login-view");
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        form.setI18n(i18n("Incorrect username or password", "Check them and try again."));
        add(form);
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
                    "Login is locked for this user from this address, try again in " + lockedSeconds + " s."));
            form.setError(true);
        } else if (parameters.containsKey("error")) {
            form.setError(true);
        }
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
}
