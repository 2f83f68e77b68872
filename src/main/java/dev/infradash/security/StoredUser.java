package dev.infradash.security;

import java.util.Objects;
import java.util.UUID;

/**
 * One line of users.json. {@code passwordHash} is always a {@code {bcrypt}} hash, never a password.
 *
 * @param id fixed when the user is created and never reused: API tokens name their owner by it, so
 *     a token that outlived its owner (a race between replicas, a half-failed delete) cannot act
 *     for a later user who happens to get the same name
 */
record StoredUser(String id, String username, Role role, String passwordHash) {

    StoredUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
        if (id == null) {
            // written before users had ids: every replica derives the same one, so nothing needs
            // migrating, and a user created from now on never gets it (theirs is random)
            id = legacyId(username);
        }
    }

    /** A new user, with an id nobody had before. */
    static StoredUser create(String username, Role role, String passwordHash) {
        return new StoredUser(UUID.randomUUID().toString(), username, role, passwordHash);
    }

    /** The id of a user (or a token's owner) stored before ids existed. */
    static String legacyId(String username) {
        return "legacy:" + username;
    }

    StoredUser withRole(Role newRole) {
        return new StoredUser(id, username, newRole, passwordHash);
    }

    StoredUser withPasswordHash(String newHash) {
        return new StoredUser(id, username, role, newHash);
    }
}
