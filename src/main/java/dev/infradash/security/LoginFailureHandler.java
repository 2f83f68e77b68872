package dev.infradash.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Back to the login view after a refused form login, saying why: {@code ?error} for wrong
 * credentials, {@code ?locked=<seconds>} while the pair is locked. The username typed goes back
 * too, through the session (not the URL, where logs and history would keep it), so the form can
 * show it again and only the password needs retyping.
 */
final class LoginFailureHandler implements AuthenticationFailureHandler {

    /** The session attribute LoginView reads once and removes. */
    static final String LAST_USERNAME = "infradash.login.username";

    private static final int MAX_KEPT_LENGTH = 64;

    private final RedirectStrategy redirect = new DefaultRedirectStrategy();
    private final String loginPath;

    LoginFailureHandler(String loginPath) {
        this.loginPath = loginPath;
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        rememberUsername(request);
        String target = exception instanceof LoginLockedException lockedOut
                ? loginPath + "?locked=" + lockedOut.retryAfterSeconds()
                : loginPath + "?error";
        redirect.sendRedirect(request, response, target);
    }

    /** Only into a session the login page already made: a failed login never creates one. */
    private static void rememberUsername(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String username = request.getParameter("username");
        if (session != null && username != null && username.length() <= MAX_KEPT_LENGTH) {
            session.setAttribute(LAST_USERNAME, username);
        }
    }
}
