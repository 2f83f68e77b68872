package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Budgets per client address and per user (security review: "no rate limit anywhere but login";
 * random usernames over HTTP Basic made every request pay bcrypt). Small budgets here; clients
 * are told apart by X-Forwarded-For from the test's trusted proxy, 127.0.0.1.
 */
@TestPropertySource(
        properties = {
            "infradash.security.rate-limit.api-per-minute=5",
            "infradash.security.rate-limit.series-per-minute=2",
            "infradash.security.rate-limit.login-failures-per-minute=3",
            "infradash.security.rate-limit.login-failures-per-user-per-minute=4",
            "infradash.security.trusted-proxies=127.0.0.1"
        })
class RateLimitTest extends SecuredApp {

    @Test
    void theApiBudgetIsPerAddressAndARefusalSaysWhenToComeBack() {
        for (int i = 0; i < 5; i++) {
            assertThat(getForwarded("/api/health", "203.0.113.1", null).statusCode())
                    .as("request " + i)
                    .isEqualTo(200);
        }
        HttpResponse<String> refused = getForwarded("/api/health", "203.0.113.1", null);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong))
                .hasValueSatisfying(seconds -> assertThat(seconds).isBetween(1L, 60L));
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("\"status\":429");
        assertThat(getForwarded("/api/health", "203.0.113.2", null).statusCode())
                .as("another client")
                .isEqualTo(200);
    }

    @Test
    void madeUpUsernamesOverBasicAreRefusedBeforeBcryptOnceTheAddressSpentItsFailures() {
        for (int i = 0; i < 3; i++) {
            assertThat(getForwarded("/api/servers", "203.0.113.3", basic("made-up-" + i, "guess"))
                            .statusCode())
                    .isEqualTo(401);
        }
        HttpResponse<String> refused = getForwarded("/api/servers", "203.0.113.3", basic("made-up-3", "guess"));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        ensureUser("viewer", VIEWER_PASSWORD, Role.VIEWER);
        assertThat(getForwarded("/api/servers", "203.0.113.4", basic("viewer", VIEWER_PASSWORD))
                        .statusCode())
                .as("a real user elsewhere")
                .isEqualTo(200);
    }

    @Test
    void theLoginFormSharesTheFailureBudget() {
        for (int i = 0; i < 3; i++) {
            assertThat(postLoginForwarded("203.0.113.5", "made-up-" + i, "guess")
                            .statusCode())
                    .isEqualTo(302);
        }
        HttpResponse<String> refused = postLoginForwarded("203.0.113.5", "made-up-3", "guess");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("try again in").contains("/login");
    }

    @Test
    void oneUserFromManyAddressesHasOneBudget() {
        ensureUser("busy-script", "busy-script-password", Role.VIEWER);
        for (int i = 0; i < 5; i++) {
            assertThat(getForwarded("/api/servers", "198.51.100." + i, basic("busy-script", "busy-script-password"))
                            .statusCode())
                    .as("request " + i)
                    .isEqualTo(200);
        }
        assertThat(getForwarded("/api/servers", "198.51.100.99", basic("busy-script", "busy-script-password"))
                        .statusCode())
                .isEqualTo(429);
    }

    @Test
    void rangeQueriesHaveTheirOwnSmallerBudget() {
        ensureUser("viewer", VIEWER_PASSWORD, Role.VIEWER);
        String viewer = basic("viewer", VIEWER_PASSWORD);
        // no such server: 404 after the budget check, which is enough to count
        for (int i = 0; i < 2; i++) {
            assertThat(getForwarded("/api/servers/nope/series?metric=cpu", "203.0.113.6", viewer)
                            .statusCode())
                    .isNotEqualTo(429);
        }
        assertThat(getForwarded("/api/servers/nope/series?metric=cpu", "203.0.113.6", viewer)
                        .statusCode())
                .isEqualTo(429);
    }

    @Test
    void guessesAtOneUserSpreadOverManyAddressesMeetTheUsersOwnLimit() {
        ensureUser("spread-target", "spread-target-password", Role.VIEWER);
        for (int i = 0; i < 4; i++) {
            assertThat(getForwarded("/api/servers", "192.0.2." + i, basic("spread-target", "guess-" + i))
                            .statusCode())
                    .as("guess " + i + " from its own address")
                    .isEqualTo(401);
        }
        HttpResponse<String> refused =
                getForwarded("/api/servers", "192.0.2.99", basic("spread-target", "spread-target-password"));
        assertThat(refused.statusCode())
                .as("a fifth address, even with the right password")
                .isEqualTo(401);
        assertThat(refused.body()).contains("Too many failed logins");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    }
}
