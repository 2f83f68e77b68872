package dev.infradash.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.stereotype.Service;

/**
 * Personal API tokens for scripts ({@code Authorization: Bearer idt_...}). An admin creates one
 * for a user; its secret is shown once and stored only as a SHA-256. A token acts for its owner
 * with at most the owner's CURRENT role: a demoted owner's admin token reads only, a deleted
 * owner's tokens stop working (and are removed with the user), also for a later user of the
 * same name: a token names its owner by the user's fixed id too.
 */
@Service
public class ApiTokenService {

    /** {@code idt_<id>_<secret>}: the id finds the token without trying every hash. */
    private static final Pattern TOKEN = Pattern.compile("idt_([a-z0-9]{12})_([A-Za-z0-9_-]{43})");

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._:/@()-]{1,64}");
    private static final Duration MAX_VALIDITY = Duration.ofDays(3650);
    /** Writing "last used" on every call would write the file on every call. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(ApiTokenService.class);

    private final ApiTokenStore tokens;
    private final UserStore users;
    private final Clock clock;
    private final AccountAudit audit;
    private final SecureRandom random = new SecureRandom();

    ApiTokenService(ApiTokenStore tokens, UserStore users, Clock clock, AccountAudit audit) {
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
        this.audit = audit;
    }

    /** A refused token request, naming the field at fault: owner, name, scope or validity. */
    public static final class InvalidTokenRequest extends IllegalArgumentException {

        private final String field;

        InvalidTokenRequest(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** A new token and its secret, which is never shown again. */
    public record Created(ApiToken.Summary token, String secret) {}

    /**
     * @param validity null for a token that never expires
     * @throws IllegalArgumentException naming what is wrong (shown to the admin as it is)
     */
    @PreAuthorize("hasRole('ADMIN') and @liveRoles.isAdmin(authentication)")
    public Created create(
            @Nullable String owner,
            @Nullable String name,
            ApiToken.@Nullable Scope scope,
            @Nullable Duration validity) {
        StoredUser user = users.find(owner == null ? "" : owner)
                .orElseThrow(() -> new InvalidTokenRequest("owner", "No user '" + owner + "'"));
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidTokenRequest(
                    "name", "A token name has 1 to 64 letters, digits, spaces or . _ : / @ ( ) -");
        }
        if (scope == null) {
            throw new InvalidTokenRequest("scope", "Choose a scope: READ or ADMIN");
        }
        if (scope == ApiToken.Scope.ADMIN && user.role() != Role.ADMIN) {
            throw new InvalidTokenRequest(
                    "scope", "Only an admin's token can have the ADMIN scope; " + owner + " is a viewer");
        }
        if (validity != null && (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0)) {
            throw new InvalidTokenRequest("validity", "A token is valid for 1 day to 10 years, or never expires");
        }
        String id = randomId();
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        Instant now = clock.instant();
        ApiToken token = new ApiToken(
                id,
                name,
                user.username(),
                user.id(),
                scope,
                now,
                validity == null ? null : now.plus(validity),
                null,
                sha256(secret));
        tokens.update(all -> {
            all.put(id, token);
            return all;
        });
        log.info("API token {} ('{}', {}) created for user '{}'", id, name, scope, owner);
        audit.record("token-create", "token:" + id, null, token.summary());
        return new Created(token.summary(), "idt_" + id + "_" + secret);
    }

    @PreAuthorize("hasRole('ADMIN') and @liveRoles.isAdmin(authentication)")
    public List<ApiToken.Summary> list() {
        return tokens.all().stream()
                .map(ApiToken::summary)
                .sorted(Comparator.comparing(ApiToken.Summary::owner).thenComparing(ApiToken.Summary::createdAt))
                .toList();
    }

    /** @return the revoked token, or empty when there was none with that id */
    @PreAuthorize("hasRole('ADMIN') and @liveRoles.isAdmin(authentication)")
    public Optional<ApiToken.Summary> revoke(String id) {
        if (tokens.find(id).isEmpty()) {
            return Optional.empty(); // no write for nothing
        }
        // what the file held under the lock is what is audited: another instance may have
        // revoked it meanwhile, and then this call records nothing
        List<ApiToken> removed = new ArrayList<>(1);
        tokens.update(all -> {
            ApiToken token = all.remove(id);
            if (token != null) {
                removed.add(token);
            }
            return all;
        });
        removed.forEach(token -> {
            log.info("API token {} of user '{}' revoked", id, token.owner());
            audit.record("token-revoke", "token:" + id, token.summary(), null);
        });
        return removed.stream().findFirst().map(ApiToken::summary);
    }

    /**
     * Called when a user is deleted: their tokens go with them. Each token removed is audited as
     * the file held it under the lock, also one another instance created a moment ago.
     */
    void removeAllOf(StoredUser owner) {
        List<ApiToken> removed = new ArrayList<>();
        tokens.update(all -> {
            all.values().removeIf(token -> {
                boolean owned = token.ownerId().equals(owner.id());
                if (owned) {
                    removed.add(token);
                }
                return owned;
            });
            return all;
        });
        removed.forEach(token -> audit.record("token-revoke", "token:" + token.id(), token.summary(), null));
    }

    /**
     * The authentication a bearer token stands for, or empty when it is unknown, wrong, expired or
     * its owner is gone. Compares hashes in constant time.
     */
    Optional<Authentication> authenticate(@Nullable String bearer) {
        Matcher parts = TOKEN.matcher(bearer == null ? "" : bearer.trim());
        if (!parts.matches()) {
            return Optional.empty();
        }
        Optional<ApiToken> found = tokens.find(parts.group(1));
        byte[] presented = sha256(parts.group(2)).getBytes(StandardCharsets.US_ASCII);
        if (found.isEmpty()
                || !MessageDigest.isEqual(presented, found.get().secretSha256().getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        ApiToken token = found.get();
        Instant now = clock.instant();
        // the name finds the user, the id proves it is the same user the token was made for
        Optional<StoredUser> owner =
                users.find(token.owner()).filter(user -> user.id().equals(token.ownerId()));
        if (token.expiredAt(now) || owner.isEmpty()) {
            return Optional.empty();
        }
        Role role =
                token.scope() == ApiToken.Scope.ADMIN && owner.get().role() == Role.ADMIN ? Role.ADMIN : Role.VIEWER;
        recordUse(token, now);
        return Optional.of(UsernamePasswordAuthenticationToken.authenticated(
                token.owner(), null, AuthorityUtils.createAuthorityList("ROLE_" + role.name())));
    }

    private void recordUse(ApiToken token, Instant now) {
        if (token.lastUsed() != null && Duration.between(token.lastUsed(), now).compareTo(LAST_USED_RESOLUTION) < 0) {
            return;
        }
        try {
            tokens.update(all -> {
                all.computeIfPresent(token.id(), (id, current) -> current.usedAt(now));
                return all;
            });
        } catch (RuntimeException e) {
            log.warn("Could not record the use of API token {}: {}", token.id(), e.getMessage());
        }
    }

    private String randomId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
