package dev.infradash.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users and API tokens for scripts (and for proving that two replicas agree on them): the same
 * {@link UserService} and {@link ApiTokenService} the settings view uses, so every call is
 * ADMIN-only with the caller's live role, audited, and a token's secret is in the creating
 * response only. Bad input is a 400 naming the field; nothing is changed.
 */
@RestController
@RequestMapping(path = "/api", produces = "application/json")
class AccountsApiController {

    private final UserService users;
    private final ApiTokenService tokens;

    AccountsApiController(UserService users, ApiTokenService tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    /** {@code {"username", "password", "role": "VIEWER"|"ADMIN"}}. */
    record NewUser(
            @Nullable String username,
            @Nullable String password,
            @Nullable String role) {}

    /** {@code {"owner", "name", "scope": "READ"|"ADMIN", "validityDays"}}; no validityDays: never expires. */
    record NewToken(
            @Nullable String owner,
            @Nullable String name,
            @Nullable String scope,
            @Nullable Integer validityDays) {}

    @GetMapping("/users")
    List<UserAccount> listUsers() {
        return users.list();
    }

    @PostMapping(path = "/users", consumes = "application/json")
    ResponseEntity<UserAccount> createUser(@RequestBody NewUser body) {
        Role role = parse(Role.class, body.role(), "role");
        UserAccount created = users.create(body.username(), body.password(), role);
        return ResponseEntity.created(URI.create("/api/users/" + created.username()))
                .body(created);
    }

    @DeleteMapping("/users/{username}")
    ResponseEntity<Void> deleteUser(@PathVariable String username) {
        users.delete(username);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/tokens")
    List<ApiToken.Summary> listTokens() {
        return tokens.list();
    }

    /** The response is the only place the secret ever appears. */
    @PostMapping(path = "/tokens", consumes = "application/json")
    ResponseEntity<ApiTokenService.Created> createToken(@RequestBody NewToken body) {
        ApiToken.Scope scope = parse(ApiToken.Scope.class, body.scope(), "scope");
        Duration validity = body.validityDays() == null ? null : Duration.ofDays(body.validityDays());
        ApiTokenService.Created created = tokens.create(body.owner(), body.name(), scope, validity);
        return ResponseEntity.created(
                        URI.create("/api/tokens/" + created.token().id()))
                .body(created);
    }

    @DeleteMapping("/tokens/{id}")
    ResponseEntity<Void> revokeToken(@PathVariable String id) {
        return tokens.revoke(id).isPresent()
                ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, @Nullable String value, String field) {
        try {
            return Enum.valueOf(type, String.valueOf(value).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FieldException(field, "Choose one of " + List.of(type.getEnumConstants()));
        }
    }

    /** Bad input in a named field. */
    static final class FieldException extends IllegalArgumentException {
        private final String field;

        FieldException(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> invalid(IllegalArgumentException e) {
        String field = e instanceof FieldException f
                ? f.field
                : e instanceof ApiTokenService.InvalidTokenRequest t
                        ? t.field()
                        : e instanceof UserService.InvalidUserRequest u ? u.field() : "request";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage()) + "; nothing was changed");
        problem.setProperty("errors", List.of(Map.of("field", field, "message", String.valueOf(e.getMessage()))));
        return ResponseEntity.badRequest().body(problem);
    }

    /** Like DELETE of an unknown token. */
    @ExceptionHandler(UserService.NoSuchUserException.class)
    ResponseEntity<ProblemDetail> missing(UserService.NoSuchUserException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, String.valueOf(e.getMessage())));
    }

    /**
     * The last admin cannot be deleted or demoted. Only this: any other IllegalStateException (an
     * unreadable users file, with its path and the parser's text) is a 500 that says nothing.
     */
    @ExceptionHandler(UserService.LastAdminException.class)
    ResponseEntity<ProblemDetail> refused(UserService.LastAdminException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, String.valueOf(e.getMessage())));
    }
}
