package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Security review: POST /login was accepted from any origin, so a page the admin visits could post
 * five wrong passwords and lock the admin out from their own address.
 */
class LoginCsrfTest extends SecuredApp {

    private static final String PASSWORD = "csrf-test-password";

    @Test
    void loginsPostedByAnotherSiteAreRefusedAndLockNobodyOut() {
        ensureUser("csrf-victim", PASSWORD, Role.ADMIN);
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> refused = post("csrf-victim", "wrong-" + i, "https://evil.example", "cross-site");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("another site");
        }
        assertThat(post("csrf-victim", "wrong", "https://evil.example", null).statusCode())
                .as("Origin alone, as older browsers send it")
                .isEqualTo(403);
        HttpResponse<String> own = post("csrf-victim", PASSWORD, uri("").toString(), "same-origin");
        assertThat(own.statusCode()).isEqualTo(302);
        assertThat(own.headers().firstValue("Location"))
                .as("not locked: the cross-site posts counted nothing")
                .hasValueSatisfying(location ->
                        assertThat(location).doesNotContain("locked").doesNotContain("error"));
    }

    @Test
    void aScriptWithoutBrowserHeadersStillLogsIn() {
        ensureUser("csrf-script", PASSWORD, Role.VIEWER);
        assertThat(post("csrf-script", PASSWORD, null, null).statusCode()).isEqualTo(302);
    }

    private HttpResponse<String> post(String username, String password, String origin, String fetchSite) {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (fetchSite != null) {
            request.header("Sec-Fetch-Site", fetchSite);
        }
        return send(request.build());
    }
}
