package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** Personal API tokens over real HTTP: Bearer, scope, expiry, revocation, the owner's live role. */
class ApiTokenTest extends SecuredApp {

    @Autowired
    ApiTokenService tokens;

    @Autowired
    ApiTokenStore store;

    @Test
    void aReadTokenReadsButCannotReachAdminEndpoints() throws Exception {
        ensureUser("viewer", VIEWER_PASSWORD, Role.VIEWER);
        String[] secret = new String[1];
        asUser(
                "admin",
                Role.ADMIN,
                () -> secret[0] = tokens.create("viewer", "grafana script", ApiToken.Scope.READ, null)
                        .secret());

        assertThat(bearer("/api/servers", secret[0])).isEqualTo(200);
        assertThat(bearer("/actuator/info", secret[0])).as("admin-only").isEqualTo(403);
        assertThat(Files.readString(store.file())).as("stored hashed").doesNotContain(secret[0].substring(17));
        assertThat(bearer("/api/servers", secret[0].substring(0, secret[0].length() - 1) + "x"))
                .as("a wrong secret")
                .isEqualTo(401);
        assertThat(bearer("/api/servers", "idt_nosuchtoken0_" + "a".repeat(43))).isEqualTo(401);
    }

    @Test
    void anAdminTokenActsWithTheOwnersCurrentRoleAndDiesWithTheOwner() {
        ensureUser("token-admin", "token-admin-password", Role.ADMIN);
        String[] secret = new String[1];
        asUser(
                "admin",
                Role.ADMIN,
                () -> secret[0] = tokens.create("token-admin", "ansible", ApiToken.Scope.ADMIN, Duration.ofDays(30))
                        .secret());
        assertThat(bearer("/actuator/info", secret[0])).isEqualTo(200);

        asUser("admin", Role.ADMIN, () -> users.changeRole("token-admin", Role.VIEWER));
        assertThat(bearer("/actuator/info", secret[0]))
                .as("owner demoted: the token reads only")
                .isEqualTo(403);
        assertThat(bearer("/api/servers", secret[0])).isEqualTo(200);

        asUser("admin", Role.ADMIN, () -> users.delete("token-admin"));
        assertThat(bearer("/api/servers", secret[0])).as("owner deleted").isEqualTo(401);
        asUser(
                "admin",
                Role.ADMIN,
                () -> assertThat(tokens.list()).noneMatch(t -> t.owner().equals("token-admin")));
    }

    @Test
    void aRevokedTokenStopsAtOnceAndLastUseIsRecorded() {
        ensureUser("viewer", VIEWER_PASSWORD, Role.VIEWER);
        ApiTokenService.Created[] created = new ApiTokenService.Created[1];
        asUser("admin", Role.ADMIN, () -> created[0] = tokens.create("viewer", "cron", ApiToken.Scope.READ, null));
        assertThat(created[0].token().lastUsed()).isNull();
        assertThat(bearer("/api/servers", created[0].secret())).isEqualTo(200);
        asUser("admin", Role.ADMIN, () -> {
            assertThat(tokens.list())
                    .filteredOn(t -> t.id().equals(created[0].token().id()))
                    .singleElement()
                    .satisfies(t -> assertThat(t.lastUsed()).isNotNull());
            assertThat(tokens.revoke(created[0].token().id())).isPresent();
        });
        assertThat(bearer("/api/servers", created[0].secret())).isEqualTo(401);
    }

    @Test
    void onlyALiveAdminCreatesTokensAndAViewerNeverGetsAdminScope() {
        ensureUser("viewer", VIEWER_PASSWORD, Role.VIEWER);
        asUser(
                "viewer",
                Role.VIEWER,
                () -> assertThatThrownBy(() -> tokens.create("viewer", "mine", ApiToken.Scope.READ, null))
                        .isInstanceOf(AccessDeniedException.class));
        asUser("admin", Role.ADMIN, () -> {
            assertThatThrownBy(() -> tokens.create("viewer", "escalate", ApiToken.Scope.ADMIN, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("viewer");
            assertThatThrownBy(() -> tokens.create("viewer", "bad\nname", ApiToken.Scope.READ, null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> tokens.create("viewer", "forever+", ApiToken.Scope.READ, Duration.ofDays(5000)))
                    .isInstanceOf(IllegalArgumentException.class);
        });
    }

    @Test
    void anExpiredTokenIsRefused() {
        ensureUser("viewer", VIEWER_PASSWORD, Role.VIEWER);
        String[] secret = new String[1];
        asUser(
                "admin",
                Role.ADMIN,
                () -> secret[0] = tokens.create("viewer", "short", ApiToken.Scope.READ, Duration.ofDays(1))
                        .secret());
        String id = secret[0].substring(4, 16);
        store.update(all -> {
            ApiToken token = all.get(id);
            all.put(
                    id,
                    new ApiToken(
                            token.id(),
                            token.name(),
                            token.owner(),
                            token.ownerId(),
                            token.scope(),
                            token.createdAt(),
                            java.time.Instant.now().minusSeconds(1),
                            token.lastUsed(),
                            token.secretSha256()));
            return all;
        });
        assertThat(bearer("/api/servers", secret[0])).isEqualTo(401);
    }

    private int bearer(String path, String token) {
        return send(HttpRequest.newBuilder(uri(path))
                        .header("Authorization", "Bearer " + token)
                        .build())
                .statusCode();
    }
}
