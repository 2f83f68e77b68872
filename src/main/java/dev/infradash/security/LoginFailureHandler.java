package dev.infradash.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Back to the login view after a refused form login, saying why: {@code ?error} for wrong
 * credentials, {@code ?locked=<seconds>} while the pair is locked.
 */
final class LoginFailureHandler implements AuthenticationFailureHandler {

    private final RedirectStrategy redirect = new DefaultRedirectStrategy();
    private final String loginPath;

    LoginFailureHandler(String loginPath) {
        this.loginPath = loginPath;
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        String target = exception instanceof LoginLockedException lockedOut
                ? loginPath + "?locked=" + lockedOut.retryAfterSeconds()
                : loginPath + "?error";
        redirect.sendRedirect(request, response, target);
    }
}
