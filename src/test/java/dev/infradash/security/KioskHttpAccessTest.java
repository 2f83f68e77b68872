package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Kiosk mode opens exactly the overview, the server views and the read-only GET API. */
@TestPropertySource(properties = "infradash.security.anonymous-read=true")
class KioskHttpAccessTest extends SecuredApp {

    @Test
    void theOverviewOpensWithoutLoginOtherViewsDoNot() {
        assertThat(get("/").statusCode()).isEqualTo(200);
        for (String path : paths("/settings", "/admin-only-test", "/anything")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(302);
            assertThat(get(path).headers().firstValue("Location"))
                    .as(path)
                    .hasValue(uri("/login").toString());
        }
    }

    @Test
    void theReadOnlyApiOpensWithoutLogin() {
        for (String path :
                paths("/api/servers", "/api/servers/nope", "/api/health", "/actuator/health", "/actuator/prometheus")) {
            assertThat(get(path).statusCode()).as(path).isIn(200, 404);
        }
        assertThat(get("/api/servers").statusCode()).isEqualTo(200);
        assertThat(get("/api/servers/nope").statusCode())
                .as("past security to the controller's 404")
                .isEqualTo(404);
    }

    @Test
    void everythingElseStillNeedsLogin() {
        for (String path : paths("/api/other", "/actuator/info", "/actuator/env", "/actuator/beans")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(401);
        }
        var post = send(java.net.http.HttpRequest.newBuilder(uri("/api/servers"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(post.statusCode()).as("only GET is open").isIn(401, 403);
        ensureUser("viewer", VIEWER_PASSWORD, Role.VIEWER);
        assertThat(get("/actuator/info", "viewer", VIEWER_PASSWORD).statusCode())
                .isEqualTo(403);
    }
}
