package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infradash.targets.Actor;
import dev.infradash.targets.ExporterDefinition;
import dev.infradash.targets.ExporterKind;
import dev.infradash.targets.ServerDefinition;
import dev.infradash.targets.TargetFileStore;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/**
 * Revoking a user bites at once (security review, finding "revoked admins keep admin"): the
 * revoked user's open sessions end, and a session that still carries ADMIN can change nothing,
 * because write paths read the role from the user store.
 */
class RevocationTest extends SecuredApp {

    private static final String PASSWORD = "second-admin-password";
    private static final ServerDefinition WEB = new ServerDefinition(
            "revoked-web", "Web", "web", List.of(new ExporterDefinition(ExporterKind.NODE, "127.0.0.1", 9100)));

    @Autowired
    TargetFileStore store;

    @Test
    void aDemotedAdminsSessionCanNeitherManageUsersNorWriteTargets() throws Exception {
        ensureUser("demoted", PASSWORD, Role.ADMIN);
        asUser("admin", Role.ADMIN, () -> users.changeRole("demoted", Role.VIEWER));
        byte[] before = targetsFile();

        // the session's authentication still says ADMIN: that is what an open Settings view holds
        asUser("demoted", Role.ADMIN, () -> {
            assertThatThrownBy(() -> users.create("made-by-demoted", "a-long-enough-password", Role.ADMIN))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> users.changeRole("demoted", Role.ADMIN)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> store.add(WEB, store.load().version(), new Actor("demoted", "127.0.0.1")))
                    .isInstanceOf(AccessDeniedException.class);
        });
        assertThat(targetsFile()).isEqualTo(before);
        asUser(
                "admin",
                Role.ADMIN,
                () -> assertThat(users.list())
                        .extracting(UserAccount::username)
                        .doesNotContain("made-by-demoted")
                        .contains("demoted"));
    }

    @Test
    void aDeletedAdminsSessionCannotCreateAnAccountThatWorksOverBasicAuth() {
        ensureUser("deleted", PASSWORD, Role.ADMIN);
        asUser("admin", Role.ADMIN, () -> users.delete("deleted"));

        asUser(
                "deleted",
                Role.ADMIN,
                () -> assertThatThrownBy(() -> users.create("backdoor", "a-long-enough-password", Role.ADMIN))
                        .isInstanceOf(AccessDeniedException.class));
        assertThat(get("/api/servers", "backdoor", "a-long-enough-password").statusCode())
                .isEqualTo(401);
        assertThat(get("/api/servers", "deleted", PASSWORD).statusCode()).isEqualTo(401);
    }

    @Test
    void demotionDeletionAndPasswordResetEachEndTheUsersOpenSessions() {
        for (String change : List.of("demote", "delete", "reset")) {
            String username = "session-" + change;
            ensureUser(username, PASSWORD, Role.ADMIN);
            HttpClient browser = browser();
            assertThat(postLogin(browser, username, PASSWORD).statusCode()).isEqualTo(302);
            ensureUser("viewer", VIEWER_PASSWORD, Role.VIEWER);
            HttpClient otherUser = browser();
            assertThat(postLogin(otherUser, "viewer", VIEWER_PASSWORD).statusCode())
                    .isEqualTo(302);
            assertThat(apiStatus(browser)).as("logged in before the " + change).isEqualTo(200);

            asUser("admin", Role.ADMIN, () -> {
                switch (change) {
                    case "demote" -> users.changeRole(username, Role.VIEWER); // a VIEWER may read /api/servers...
                    case "delete" -> users.delete(username);
                    default -> users.resetPassword(username, "a-brand-new-password");
                }
            });

            assertThat(apiStatus(browser))
                    .as("...but the old session is gone after the " + change)
                    .isEqualTo(401);
            assertThat(apiStatus(otherUser)).as("other users' sessions stay").isEqualTo(200);
        }
    }

    private int apiStatus(HttpClient browser) {
        return send(browser, HttpRequest.newBuilder(uri("/api/servers")).build())
                .statusCode();
    }

    private byte[] targetsFile() throws Exception {
        Path[] file = new Path[1];
        asUser("admin", Role.ADMIN, () -> file[0] = store.file());
        return Files.exists(file[0]) ? Files.readAllBytes(file[0]) : new byte[0];
    }
}
