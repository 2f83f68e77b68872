package dev.infradash.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * 401 and 403 for the API and actuator as problem-detail JSON, like the API's other errors:
 * scripts and curl get a status they can act on instead of a redirect to an HTML login page.
 */
final class ApiErrorResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper json;

    ApiErrorResponses(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        String detail = exception instanceof LoginLockedException
                ? exception.getMessage()
                : "Log in with HTTP Basic (or a browser session) to use this endpoint";
        // The challenge lets curl -u and browsers that open the API directly ask for credentials.
        response.setHeader("WWW-Authenticate", "Basic realm=\"Infradash\", charset=\"UTF-8\"");
        if (exception instanceof LoginLockedException lockedOut) {
            response.setHeader("Retry-After", Long.toString(lockedOut.retryAfterSeconds()));
        }
        write(request, response, HttpStatus.UNAUTHORIZED, detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        // a CSRF refusal is no matter of roles: saying so would send an admin looking at the wrong thing
        String detail = exception instanceof CsrfException
                ? "Missing or invalid CSRF token: a change sent with a browser session needs the session's CSRF token"
                : "Your role may not use this endpoint";
        write(request, response, HttpStatus.FORBIDDEN, detail);
    }

    private void write(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, @Nullable String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
