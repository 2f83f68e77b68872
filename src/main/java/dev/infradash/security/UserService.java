package dev.infradash.security;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * User management for the settings view and the REST API. Every method is ADMIN-only on the
 * server side, whoever calls it: a UI that forgets to hide a button cannot be used to manage
 * users. Bad input is an {@link InvalidUserRequest} naming the field, an unknown user a
 * {@link NoSuchUserException} (both {@link IllegalArgumentException}s), a change that would
 * leave no admin a {@link LastAdminException} (an {@link IllegalStateException}); their messages
 * can be shown to the user as they are. Any other exception (an unreadable users file) is not
 * meant for the user's eyes.
 *
 * <p>The caller's role is read from the user store at each call ({@link LiveRoles}), not from the
 * session: a demoted or deleted admin's open session can change nothing. A change that takes
 * rights away (role change, deletion, password reset) ends that user's sessions at once.
 */
@Service
@PreAuthorize("hasRole('ADMIN') and @liveRoles.isAdmin(authentication)")
public class UserService {

    private static final Logger log = LoggerFactory.getLogger(UserService.class);
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private final UserStore store;
    private final PasswordEncoder encoder;
    private final ActiveSessions sessions;
    private final ApiTokenService tokens;
    private final AccountAudit audit;

    UserService(
            UserStore store,
            PasswordEncoder encoder,
            ActiveSessions sessions,
            ApiTokenService tokens,
            AccountAudit audit) {
        this.store = store;
        this.encoder = encoder;
        this.sessions = sessions;
        this.tokens = tokens;
        this.audit = audit;
    }

    public List<UserAccount> list() {
        return store.all().stream()
                .map(user -> new UserAccount(user.username(), user.role()))
                .sorted(Comparator.comparing(UserAccount::username))
                .toList();
    }

    /** Why {@link #create} or {@link #resetPassword} would refuse this password, or null: for the form's field. */
    public @Nullable String passwordProblem(@Nullable String password) {
        return PasswordPolicy.problem(password);
    }

    /** Bad input in a named field ({@code username} or {@code password}). */
    public static final class InvalidUserRequest extends IllegalArgumentException {

        private final String field;

        InvalidUserRequest(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** The user named does not exist. */
    public static final class NoSuchUserException extends IllegalArgumentException {
        NoSuchUserException(String username) {
            super("No user '" + username + "'");
        }
    }

    /** The change would leave no admin. */
    public static final class LastAdminException extends IllegalStateException {
        LastAdminException(String action) {
            super("Cannot " + action + " the last admin");
        }
    }

    public UserAccount create(@Nullable String username, @Nullable String password, Role role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidUserRequest(
                    "username", "A username has 1 to 64 letters, digits or . _ @ -, starting with a letter or digit");
        }
        Objects.requireNonNull(role, "role");
        String hash = encoder.encode(acceptable(password));
        store.update(users -> {
            if (users.containsKey(username)) {
                throw new InvalidUserRequest("username", "User '" + username + "' already exists");
            }
            users.put(username, StoredUser.create(username, role, hash));
            return users;
        });
        log.info("User '{}' created with role {}", username, role);
        audit.record("user-create", "user:" + username, null, Map.of("role", role));
        return new UserAccount(username, role);
    }

    public void changeRole(String username, Role role) {
        Objects.requireNonNull(role, "role");
        Role[] before = new Role[1];
        store.update(users -> {
            StoredUser user = existing(users, username);
            before[0] = user.role();
            users.put(username, user.withRole(role));
            requireAnAdmin(users, "demote");
            return users;
        });
        log.info("User '{}' now has role {}", username, role);
        audit.record("user-role", "user:" + username, Map.of("role", before[0]), Map.of("role", role));
        if (before[0] != role) {
            sessions.endSessionsOf(username); // its sessions still carry the old role
        }
    }

    public void resetPassword(String username, String newPassword) {
        String hash = encoder.encode(acceptable(newPassword));
        store.update(users -> {
            users.put(username, existing(users, username).withPasswordHash(hash));
            return users;
        });
        log.info("Password of user '{}' reset", username);
        audit.record("user-password-reset", "user:" + username, null, null);
        sessions.endSessionsOf(username);
    }

    public void delete(String username) {
        StoredUser[] deleted = new StoredUser[1];
        store.update(users -> {
            deleted[0] = existing(users, username);
            users.remove(username);
            requireAnAdmin(users, "delete");
            return users;
        });
        log.info("User '{}' deleted", username);
        audit.record("user-delete", "user:" + username, Map.of("role", deleted[0].role()), null);
        sessions.endSessionsOf(username);
        tokens.removeAllOf(deleted[0]);
    }

    private static String acceptable(@Nullable String password) {
        String problem = PasswordPolicy.problem(password);
        if (problem != null || password == null) {
            throw new InvalidUserRequest("password", problem == null ? "A password is required" : problem);
        }
        return password;
    }

    private static StoredUser existing(Map<String, StoredUser> users, String username) {
        StoredUser user = users.get(username);
        if (user == null) {
            throw new NoSuchUserException(username);
        }
        return user;
    }

    /** Runs on the changed copy, before it is written: nothing is stored when it throws. */
    private static void requireAnAdmin(Map<String, StoredUser> users, String action) {
        if (users.values().stream().noneMatch(user -> user.role() == Role.ADMIN)) {
            throw new LastAdminException(action);
        }
    }
}
