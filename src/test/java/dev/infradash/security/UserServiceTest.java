package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

/** UserService through its Spring proxy: ADMIN-only whoever calls it, and never without an admin. */
class UserServiceTest extends SecuredApp {

    private static final String PASSWORD = "a-long-enough-password";

    @Autowired
    AuthenticationManager authenticationManager;

    @Value("${infradash.data.dir}")
    Path dataDir;

    private final List<Consumer<UserService>> everyMethod = List.of(
            service -> service.list(),
            service -> service.create("someone", PASSWORD, Role.VIEWER),
            service -> service.changeRole("admin", Role.VIEWER),
            service -> service.resetPassword("admin", PASSWORD),
            service -> service.delete("admin"));

    @Test
    void aViewerCannotCallAnyMethod() {
        for (Consumer<UserService> method : everyMethod) {
            asUser(
                    "viewer",
                    Role.VIEWER,
                    () -> assertThatThrownBy(() -> method.accept(users)).isInstanceOf(AccessDeniedException.class));
        }
        asUser(
                "admin",
                Role.ADMIN,
                () -> assertThat(users.list()).extracting(UserAccount::username).doesNotContain("someone"));
    }

    @Test
    void nobodyLoggedInCannotCallAnyMethod() {
        for (Consumer<UserService> method : everyMethod) {
            assertThatThrownBy(() -> method.accept(users))
                    .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        }
    }

    @Test
    void anAdminManagesUsersAndTheFileHoldsOnlyHashes() throws IOException {
        asUser("admin", Role.ADMIN, () -> {
            users.create("carol", PASSWORD, Role.VIEWER);
            assertThat(users.list()).contains(new UserAccount("carol", Role.VIEWER));
            users.changeRole("carol", Role.ADMIN);
            assertThat(users.list()).contains(new UserAccount("carol", Role.ADMIN));
            users.resetPassword("carol", "another-long-password");
        });
        assertThat(canLogIn("carol", "another-long-password")).isTrue();
        assertThat(canLogIn("carol", PASSWORD)).isFalse();

        String file = Files.readString(dataDir.resolve("users.json"));
        assertThat(file)
                .contains("\"carol\"", "{bcrypt}$2")
                .doesNotContain("another-long-password", PASSWORD, ADMIN_PASSWORD);
        try (var entries = Files.list(dataDir)) {
            // the data dir is shared with other tests of this context (e.g. audit.jsonl): look for temp files only
            assertThat(entries.map(p -> p.getFileName().toString()).toList())
                    .as("no temp file left")
                    .contains("users.json")
                    // the hidden lock file of the cross-process lock stays; temp files must not
                    .noneMatch(name -> name.contains("tmp"));
        }

        asUser("admin", Role.ADMIN, () -> users.delete("carol"));
        assertThat(canLogIn("carol", "another-long-password")).isFalse();
    }

    @Test
    void theLastAdminCanBeNeitherDemotedNorDeleted() {
        asUser("admin", Role.ADMIN, () -> {
            users.list().stream()
                    .filter(u -> u.role() == Role.ADMIN && !u.username().equals("admin"))
                    .forEach(u -> users.delete(u.username()));
            assertThatThrownBy(() -> users.changeRole("admin", Role.VIEWER))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("last admin");
            assertThatThrownBy(() -> users.delete("admin")).isInstanceOf(IllegalStateException.class);
            assertThat(users.list()).contains(new UserAccount("admin", Role.ADMIN));
        });
        assertThat(canLogIn("admin", ADMIN_PASSWORD)).isTrue();
    }

    @Test
    void badInputIsRefused() {
        asUser("admin", Role.ADMIN, () -> {
            assertThatThrownBy(() -> users.create("dave", "short-pw", Role.VIEWER))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("12");
            assertThatThrownBy(() -> users.create("bad name", PASSWORD, Role.VIEWER))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> users.create("admin", PASSWORD, Role.VIEWER))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("exists");
            assertThatThrownBy(() -> users.resetPassword("nobody", PASSWORD))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> users.resetPassword("admin", "x".repeat(73)))
                    .isInstanceOf(IllegalArgumentException.class);
        });
    }

    private boolean canLogIn(String username, String password) {
        try {
            return authenticationManager
                    .authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password))
                    .isAuthenticated();
        } catch (org.springframework.security.core.AuthenticationException e) {
            return false;
        }
    }
}
