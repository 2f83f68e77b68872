package dev.infradash.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** A real UserService (and the token service beside it) on a temp directory, for UI tests outside this package. */
public final class TestUsers {

    private TestUsers() {
    }

    public static UserService service(Path dataDir) {
        UserStore users = new UserStore(dataDir, new ObjectMapper().findAndRegisterModules());
        ActiveSessions sessions = new ActiveSessions(new SecurityProperties(false, null, null, null, null,
                new SecurityProperties.AnonymousSessions(20, 1000, java.time.Duration.ofMinutes(3))));
        // cost 4: hashing speed is not what these tests are about
        return new UserService(users, new BCryptPasswordEncoder(4), sessions, tokens(dataDir, users));
    }

    public static ApiTokenService tokens(Path dataDir) {
        return tokens(dataDir, new UserStore(dataDir, new ObjectMapper().findAndRegisterModules()));
    }

    private static ApiTokenService tokens(Path dataDir, UserStore users) {
        return new ApiTokenService(new ApiTokenStore(dataDir, new ObjectMapper().findAndRegisterModules()), users,
                Clock.systemUTC());
    }
}
