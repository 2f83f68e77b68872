package dev.infradash.security;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Makes sure user {@code admin} can log in. A configured password is applied at every start, so
 * setting it and restarting also recovers a forgotten one. Without one, the first start (no
 * users yet) generates a password, logs it once, and stores only its hash; later starts keep it.
 */
final class AdminBootstrap {

    static final String ADMIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private AdminBootstrap() {}

    static void ensureAdmin(
            UserStore store, SecurityProperties properties, PasswordEncoder encoder, SecureRandom random) {
        if (properties.adminPassword() != null) {
            String hash = properties.adminPasswordIsHash()
                    ? properties.adminPassword()
                    : encoder.encode(properties.adminPassword());
            store.update(users -> {
                StoredUser current = users.get(ADMIN);
                if (current != null && current.role() == Role.ADMIN && isConfigured(current, properties, encoder)) {
                    // keeps the hash: a new salt would look like a password reset to another
                    // instance on the same data directory, which would end admin's sessions there
                    return users;
                }
                LinkedHashMap<String, StoredUser> next = new LinkedHashMap<>(users);
                // keeps admin's id (and so admin's tokens) when only the password or role changes
                next.put(
                        ADMIN,
                        current == null
                                ? StoredUser.create(ADMIN, Role.ADMIN, hash)
                                : current.withRole(Role.ADMIN).withPasswordHash(hash));
                return next;
            });
            log.info("User '{}' uses the configured password (infradash.security.admin-password)", ADMIN);
            return;
        }
        if (!store.isEmpty()) {
            return;
        }
        String password = PasswordPolicy.generate(random);
        String hash = encoder.encode(password);
        boolean[] created = {false};
        store.update(users -> {
            if (!users.isEmpty()) {
                return users; // another instance on the same data directory was first
            }
            created[0] = true;
            LinkedHashMap<String, StoredUser> next = new LinkedHashMap<>(users);
            next.put(ADMIN, StoredUser.create(ADMIN, Role.ADMIN, hash));
            return next;
        });
        if (!created[0]) {
            return;
        }
        String rule = "=".repeat(78);
        log.warn("""

                {}
                  Infradash created the first user. This password is shown only this once:

                      username: {}
                      password: {}

                  Only its bcrypt hash is stored, in {}.
                  Set INFRADASH_ADMIN_PASSWORD to choose the password yourself.
                {}""", rule, ADMIN, password, store.file(), rule);
    }

    private static boolean isConfigured(StoredUser user, SecurityProperties properties, PasswordEncoder encoder) {
        String configured = java.util.Objects.requireNonNull(properties.adminPassword());
        return properties.adminPasswordIsHash()
                ? configured.equals(user.passwordHash())
                : encoder.matches(configured, user.passwordHash());
    }
}
