package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may fetch which URL, over real HTTP, with login required (the default). */
class HttpAccessTest extends SecuredApp {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void viewer() {
        ensureUser("viewer", VIEWER_PASSWORD, Role.VIEWER);
    }

    @Test
    void anonymousVisitorsOfAViewAreSentToTheLoginView() {
        for (String path : paths("/", "/servers/web-1", "/settings", "/admin-only-test")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location"))
                    .as(path)
                    .hasValue(uri("/login").toString());
        }
        HttpResponse<String> login = get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body())
                .as("Vaadin's login view, not Spring's generated page")
                .doesNotContain("Please sign in")
                .contains("window.Vaadin");
    }

    @Test
    void anonymousApiCallsGet401AsJsonNotALoginPage() throws Exception {
        for (String path : paths("/api/servers", "/api/servers/web-1", "/api/anything")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .as(path)
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Basic realm=\"Infradash\""));
            assertThat(JSON.readTree(response.body()).path("status").asInt()).isEqualTo(401);
        }
    }

    @Test
    void probesAndScrapingStayOpen() {
        for (String path :
                paths("/api/health", "/actuator/health", "/actuator/health/liveness", "/actuator/prometheus")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void otherActuatorEndpointsAreForAdminsOnly() {
        for (String path :
                paths("/actuator", "/actuator/info", "/actuator/env", "/actuator/beans", "/actuator/metrics")) {
            assertThat(get(path).statusCode()).as("anonymous " + path).isEqualTo(401);
            assertThat(get(path, "viewer", VIEWER_PASSWORD).statusCode())
                    .as("viewer " + path)
                    .isEqualTo(403);
            // env, beans and metrics are not exposed at all: an admin gets past security to a 404
            assertThat(get(path, "admin", ADMIN_PASSWORD).statusCode())
                    .as("admin " + path)
                    .isIn(200, 404);
        }
        assertThat(get("/actuator/info", "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/info", "viewer", VIEWER_PASSWORD).headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
    }

    @Test
    void viewersAndAdminsReadTheApiWithHttpBasic() {
        assertThat(get("/api/servers", "viewer", VIEWER_PASSWORD).statusCode()).isEqualTo(200);
        assertThat(get("/api/servers", "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);
        assertThat(get("/api/servers/nope", "viewer", VIEWER_PASSWORD).statusCode())
                .isEqualTo(404);
        assertThat(get("/api/servers", "viewer", "wrong-password-123").statusCode())
                .isEqualTo(401);
    }

    @Test
    void formLoginOpensTheOverviewAndChangesTheSessionId() {
        HttpClient browser = HttpClient.newBuilder()
                .proxy(HttpClient.Builder.NO_PROXY)
                .cookieHandler(new CookieManager())
                .build();
        send(browser, HttpRequest.newBuilder(uri("/")).build()); // starts an anonymous session
        String before = sessionId(browser).orElseThrow();

        HttpResponse<String> login = postLogin(browser, "viewer", VIEWER_PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        // back to the page that asked for the login (the saved request, hence "?continue")
        assertThat(login.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location)
                        .matches(java.util.regex.Pattern.quote(uri("/").toString()) + "(\\?continue)?"));
        assertThat(sessionId(browser))
                .as("session fixation protection")
                .isPresent()
                .get()
                .isNotEqualTo(before);

        assertThat(send(browser, HttpRequest.newBuilder(uri("/")).build()).statusCode())
                .isEqualTo(200);
        assertThat(send(browser, HttpRequest.newBuilder(uri("/api/servers")).build())
                        .statusCode())
                .as("the browser session also opens the API")
                .isEqualTo(200);
        assertThat(send(browser, HttpRequest.newBuilder(uri("/actuator/info")).build())
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aWrongPasswordReturnsToTheLoginViewWithAnError() {
        HttpResponse<String> login = postLogin(HTTP, "viewer", "not-the-password");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location"))
                .hasValue(uri("/login?error").toString());
    }

    @Test
    void securityHeaders() {
        for (String path : paths("/login", "/api/health", "/api/servers")) {
            HttpResponse<String> response = get(path);
            assertThat(response.headers().firstValue("X-Content-Type-Options"))
                    .as(path)
                    .hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options"))
                    .as(path)
                    .hasValue("DENY");
            assertThat(response.headers().firstValue("Referrer-Policy"))
                    .as(path)
                    .hasValue("same-origin");
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
            assertThat(response.headers().firstValue("Strict-Transport-Security"))
                    .as("plain HTTP: no HSTS")
                    .isEmpty();
        }
    }

    private static Optional<String> sessionId(HttpClient client) {
        return ((CookieManager) client.cookieHandler().orElseThrow())
                .getCookieStore().getCookies().stream()
                        .filter(cookie -> cookie.getName().equals("JSESSIONID"))
                        .map(c -> c.getValue())
                        .findFirst();
    }
}
