package dev.infradash.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** A real UserService on a temp directory, for UI tests outside this package. */
public final class TestUsers {

    private TestUsers() {
    }

    public static UserService service(Path dataDir) {
        // cost 4: hashing speed is not what these tests are about
        return new UserService(new UserStore(dataDir, new ObjectMapper()), new BCryptPasswordEncoder(4), new ActiveSessions(new SecurityProperties(false, null, null, null, null,
                new SecurityProperties.AnonymousSessions(20, 1000, java.time.Duration.ofMinutes(3)))));
    }
}
