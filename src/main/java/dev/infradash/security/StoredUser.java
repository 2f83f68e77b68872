package dev.infradash.security;

import java.util.Objects;

/** One line of users.json. {@code passwordHash} is always a {@code {bcrypt}} hash, never a password. */
record StoredUser(String username, Role role, String passwordHash) {

    StoredUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
    }

    StoredUser withRole(Role newRole) {
        return new StoredUser(username, newRole, passwordHash);
    }

    StoredUser withPasswordHash(String newHash) {
        return new StoredUser(username, role, newHash);
    }
}
