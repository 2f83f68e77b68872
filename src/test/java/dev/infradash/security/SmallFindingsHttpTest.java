package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 12's smaller HTTP findings, each over real HTTP against the whole app. */
class SmallFindingsHttpTest extends SecuredApp {

    /** Anonymous /actuator/health showed the Prometheus URL and disk paths. */
    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/api/health"})
    void healthShowsOnlyTheStatusToAnyoneButAdmins(String path) {
        ensureUser("viewer", VIEWER_PASSWORD, Role.VIEWER);
        for (HttpResponse<String> statusOnly : List.of(get(path), get(path, "viewer", VIEWER_PASSWORD))) {
            assertThat(statusOnly.statusCode()).isEqualTo(200);
            assertThat(statusOnly.body())
                    .contains("\"status\"")
                    .doesNotContain("components", "details", "127.0.0.1:9", "targets.json", "diskSpace");
        }
        HttpResponse<String> admin = get(path, "admin", ADMIN_PASSWORD);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("\"components\"", "127.0.0.1:9");
    }

    /** The session cookie had no SameSite attribute. */
    @Test
    void theSessionCookieIsSameSiteLaxAndHttpOnly() {
        ensureUser("viewer", VIEWER_PASSWORD, Role.VIEWER);
        HttpResponse<String> login = postLogin(browser(), "viewer", VIEWER_PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        List<String> sessionCookies = login.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("JSESSIONID="))
                .toList();
        assertThat(sessionCookies)
                .isNotEmpty()
                .allSatisfy(cookie ->
                        assertThat(cookie).containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly"));
    }

    /** Unknown /api/** paths answered 200 with the app's HTML page. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/nope", "/api/servers/web-1/nope", "/api/"})
    void anUnknownApiPathIs404ProblemJson(String path) {
        HttpResponse<String> response = get(path, "admin", ADMIN_PASSWORD);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).doesNotContain("<html").contains("\"status\":404");
    }

    /** A CSRF refusal said "your role may not use this endpoint", which sends an admin looking at roles. */
    @Test
    void aMissingCsrfTokenIsNamedAsSuch() {
        HttpClient admin = browser();
        assertThat(postLogin(admin, "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(302);
        HttpResponse<String> refused = send(
                admin,
                HttpRequest.newBuilder(uri("/api/servers"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("CSRF token").doesNotContain("role");
    }
}
