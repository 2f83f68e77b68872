package dev.infradash.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Kiosk mode opens the fleet's read API to anybody, never the target list (it names every host).
 * (Viewers get 403 in TargetsApiTest; this context shares its users file, so it creates none.)
 */
@TestPropertySource(properties = "infradash.security.anonymous-read=true")
class TargetsApiKioskTest extends TargetsApiApp {

    @Test
    void theTargetListStillNeedsAnAdmin() {
        assertThat(get("/api/servers", null).statusCode())
                .as("kiosk mode is on")
                .isEqualTo(200);
        HttpResponse<String> anonymous = get("/api/targets", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        TargetsApiTest.assertProblem(anonymous);
        assertThat(get("/api/targets/servers/x", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/targets", admin()).statusCode()).isEqualTo(200);
    }
}
