package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The first admin across starts. A "start" is what the app does at start-up: the same bean
 * methods building the store and the throttled login from the data directory.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminBootstrapTest {

    private static final Pattern LOGGED_PASSWORD = Pattern.compile("password: (\\S+)");
    private final SecurityConfiguration configuration = new SecurityConfiguration();
    private final PasswordEncoder encoder = configuration.passwordEncoder();

    @TempDir
    Path dataDir;

    private AuthenticationManager start(String adminPassword) {
        SecurityProperties properties = new SecurityProperties(
                false,
                adminPassword,
                new SecurityProperties.Lockout(5, Duration.ofSeconds(60), 100),
                java.util.List.of(),
                null,
                null);
        UserStore store = configuration.userStore(
                dataDir, new ObjectMapper(), properties, encoder, new ActiveSessions(properties));
        return configuration.authenticationManager(
                store,
                encoder,
                configuration.loginThrottle(properties, Clock.systemUTC()),
                new SimpleMeterRegistry(),
                new RateLimits(new SecurityProperties.RateLimit(600, 120, 20, 100, 100), new SimpleMeterRegistry()));
    }

    private static boolean canLogIn(AuthenticationManager manager, String username, String password) {
        try {
            return manager.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password))
                    .isAuthenticated();
        } catch (AuthenticationException e) {
            return false;
        }
    }

    @Test
    void theFirstStartLogsAPasswordOnceAndStoresOnlyItsHash(CapturedOutput output) throws Exception {
        AuthenticationManager first = start(null);
        Matcher logged = LOGGED_PASSWORD.matcher(output.getOut());
        assertThat(logged.find()).as("the generated password is logged").isTrue();
        String password = logged.group(1);
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(output.getOut()).contains("WARN").contains("shown only this once");
        assertThat(logged.find()).as("logged once").isFalse();
        String file = Files.readString(dataDir.resolve("users.json"));
        assertThat(file).doesNotContain(password).contains("\"admin\"", "\"ADMIN\"", "{bcrypt}$2");
        assertThat(canLogIn(first, "admin", password)).isTrue();

        int logLength = output.getOut().length();
        AuthenticationManager second = start(null);
        assertThat(output.getOut().substring(logLength)).as("no new password").doesNotContain("password:");
        assertThat(Files.readString(dataDir.resolve("users.json"))).isEqualTo(file);
        assertThat(canLogIn(second, "admin", password)).isTrue();
        assertThat(canLogIn(second, "admin", "something-else-entirely")).isFalse();
    }

    @Test
    void twoFirstStartsInTwoDirectoriesMakeDifferentPasswords(CapturedOutput output, @TempDir Path other) {
        start(null);
        SecurityProperties properties = new SecurityProperties(
                false,
                null,
                new SecurityProperties.Lockout(5, Duration.ofSeconds(60), 100),
                java.util.List.of(),
                null,
                null);
        configuration.userStore(other, new ObjectMapper(), properties, encoder, new ActiveSessions(properties));
        Matcher logged = LOGGED_PASSWORD.matcher(output.getOut());
        assertThat(logged.find()).isTrue();
        String one = logged.group(1);
        assertThat(logged.find()).isTrue();
        assertThat(logged.group(1)).isNotEqualTo(one);
    }

    /**
     * A second replica (or a restart) with the same configured password keeps the stored hash: a
     * new salt would read as a password reset in the other instance, ending admin's sessions there.
     */
    @Test
    void aStartWithTheSamePasswordKeepsTheStoredHash() throws Exception {
        start("configured-plain-password");
        String first = Files.readString(dataDir.resolve("users.json"));
        AuthenticationManager again = start("configured-plain-password");
        assertThat(Files.readString(dataDir.resolve("users.json"))).isEqualTo(first);
        assertThat(canLogIn(again, "admin", "configured-plain-password")).isTrue();
        AuthenticationManager changed = start("another-configured-password");
        assertThat(Files.readString(dataDir.resolve("users.json"))).isNotEqualTo(first);
        assertThat(canLogIn(changed, "admin", "another-configured-password")).isTrue();
        assertThat(canLogIn(changed, "admin", "configured-plain-password")).isFalse();
    }

    @Test
    void aPlainConfiguredPasswordWorksAndIsStoredHashed(CapturedOutput output) throws Exception {
        AuthenticationManager manager = start("configured-plain-password");
        assertThat(canLogIn(manager, "admin", "configured-plain-password")).isTrue();
        assertThat(Files.readString(dataDir.resolve("users.json"))).doesNotContain("configured-plain-password");
        assertThat(output.getOut()).doesNotContain("shown only this once");
    }

    @Test
    void aBcryptConfiguredPasswordWorks() {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode("hashed-elsewhere-password");
        AuthenticationManager manager = start(hash);
        assertThat(canLogIn(manager, "admin", "hashed-elsewhere-password")).isTrue();
        assertThat(canLogIn(manager, "admin", hash))
                .as("the hash is not a password")
                .isFalse();
    }

    @Test
    void aConfiguredPasswordReplacesTheStoredOneAtTheNextStart() {
        start("first-configured-password");
        AuthenticationManager later = start("second-configured-password");
        assertThat(canLogIn(later, "admin", "second-configured-password")).isTrue();
        assertThat(canLogIn(later, "admin", "first-configured-password")).isFalse();
        AuthenticationManager unset = start(null);
        assertThat(canLogIn(unset, "admin", "second-configured-password"))
                .as("kept once unset")
                .isTrue();
    }

    @Test
    void weakOrMalformedConfiguredPasswordsAreInvalid() {
        assertThat(new SecurityProperties(false, "short", null, null, null, null).isAdminPasswordValid())
                .isFalse();
        assertThat(new SecurityProperties(false, "{bcrypt}not-a-hash", null, null, null, null).isAdminPasswordValid())
                .isFalse();
        assertThat(new SecurityProperties(false, "long-enough-password", null, null, null, null).isAdminPasswordValid())
                .isTrue();
        assertThat(new SecurityProperties(
                                false, "{bcrypt}" + new BCryptPasswordEncoder().encode("x"), null, null, null, null)
                        .isAdminPasswordValid())
                .isTrue();
        assertThat(new SecurityProperties(false, "  ", null, null, null, null).adminPassword())
                .isNull();
    }
}
