package dev.infradash.security;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A personal API token as stored: never the secret, only its SHA-256. The secret is 256 random
 * bits, so a fast hash is enough (nobody can guess it; bcrypt would cost every API call ~65 ms).
 *
 * @param id        public part of the token, names it in lists and the audit log
 * @param owner     the user the token acts for; it never has more rights than this user has now
 * @param ownerId   that user's {@link StoredUser#id()}: the token works only while a user of that name
 *                  AND that id exists, never for a later user who reuses the name
 * @param expiresAt null: never
 * @param lastUsed  null: not yet; recorded at most once a minute
 */
public record ApiToken(
        String id,
        String name,
        String owner,
        String ownerId,
        Scope scope,
        Instant createdAt,
        @Nullable Instant expiresAt,
        @Nullable Instant lastUsed,
        String secretSha256) {

    public ApiToken {
        if (ownerId == null) {
            ownerId = StoredUser.legacyId(owner); // stored before tokens had one: see StoredUser#legacyId
        }
    }

    /** What a token may do: READ is a viewer's reading, ADMIN an admin's writes too. */
    public enum Scope {
        READ,
        ADMIN
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    ApiToken usedAt(Instant when) {
        return new ApiToken(id, name, owner, ownerId, scope, createdAt, expiresAt, when, secretSha256);
    }

    /** What lists and the audit log show: everything but the hash. */
    public record Summary(
            String id,
            String name,
            String owner,
            Scope scope,
            Instant createdAt,
            @Nullable Instant expiresAt,
            @Nullable Instant lastUsed) {}

    Summary summary() {
        return new Summary(id, name, owner, scope, createdAt, expiresAt, lastUsed);
    }
}
