package dev.infradash.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.audit.AuditTrail;
import dev.infradash.base.FileOperations;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** A real UserService (and the token service beside it) on a temp directory, for UI tests outside this package. */
public final class TestUsers {

    private TestUsers() {}

    /** The user and token services over one user store, as the app wires them. */
    public record Services(UserService users, ApiTokenService tokens) {}

    public static Services create(Path dataDir) {
        return create(dataDir, new ApiTokenStore(dataDir, new ObjectMapper().findAndRegisterModules()));
    }

    /** As {@link #create(Path)} with the token store given, e.g. one that lets a test interleave another instance. */
    static Services create(Path dataDir, ApiTokenStore tokenStore) {
        UserStore users = new UserStore(dataDir, new ObjectMapper().findAndRegisterModules());
        ActiveSessions sessions = new ActiveSessions(new SecurityProperties(
                false,
                null,
                null,
                null,
                null,
                new SecurityProperties.AnonymousSessions(20, 1000, java.time.Duration.ofMinutes(3))));
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        AccountAudit audit =
                new AccountAudit(new AuditTrail(dataDir, json, FileOperations.SYSTEM), json, Clock.systemUTC());
        ApiTokenService tokens = new ApiTokenService(tokenStore, users, Clock.systemUTC(), audit);
        // cost 4: hashing speed is not what these tests are about
        return new Services(new UserService(users, new BCryptPasswordEncoder(4), sessions, tokens, audit), tokens);
    }

    public static UserService service(Path dataDir) {
        return create(dataDir).users();
    }
}
