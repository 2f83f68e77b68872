package dev.infradash.targets;

import static dev.infradash.base.ApiProblems.fieldError;
import static dev.infradash.base.ApiProblems.fieldsNeedAFix;
import static dev.infradash.base.ApiProblems.problem;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infradash.base.IfMatch;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * The target list over REST, for automation (Ansible, scripts) that keeps the inventory. Every
 * write goes through {@link TargetFileStore}: the Settings view's validation, atomic write, lock
 * and audit log. Optimistic concurrency as HTTP has it: GET answers the file's version as
 * {@code ETag}; a write must send it back in {@code If-Match} (428 without, 412 when stale), which
 * also means a cross-site form, which cannot set headers, never changes anything.
 *
 * <p>Admin-only, reads included: the list names every host and port. Refusals are problem+json;
 * a 400 lists every field with its message, and nothing is written.
 */
@RestController
@RequestMapping(path = "/api/targets", produces = "application/json")
@PreAuthorize("hasRole('ADMIN') and @liveRoles.isAdmin(authentication)")
class TargetsApiController {

    private static final String SERVERS = "/api/targets/servers/";

    private final TargetFileStore store;
    private final TargetValidator validator;

    TargetsApiController(TargetFileStore store, TargetValidator validator) {
        this.store = store;
        this.validator = validator;
    }

    @GetMapping
    ResponseEntity<ServerJson.Targets> list() {
        Versioned<List<ServerDefinition>> current = store.load();
        return ResponseEntity.ok()
                .eTag(current.version())
                .body(new ServerJson.Targets(
                        current.version(),
                        current.value().stream().map(ServerJson.Server::of).toList()));
    }

    @GetMapping("/servers/{id}")
    ResponseEntity<ServerJson.Server> server(@PathVariable String id) {
        Versioned<List<ServerDefinition>> current = store.load();
        ServerDefinition server = current.value().stream()
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new NoSuchServerException(id));
        return ResponseEntity.ok().eTag(current.version()).body(ServerJson.Server.of(server));
    }

    @PostMapping(path = "/servers", consumes = "application/json")
    ResponseEntity<ServerJson.Server> add(
            @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            Principal user,
            HttpServletRequest request) {
        String expected = IfMatch.expectedVersion(ifMatch, "GET /api/targets");
        ServerDefinition server = ServerJson.read(body, validator);
        String version = store.add(server, expected, actor(user, request));
        return ResponseEntity.created(URI.create(SERVERS + UriUtils.encodePathSegment(server.id(), "UTF-8")))
                .eTag(version)
                .body(ServerJson.Server.of(server));
    }

    @PutMapping(path = "/servers/{id}", consumes = "application/json")
    ResponseEntity<ServerJson.Server> update(
            @PathVariable String id,
            @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            Principal user,
            HttpServletRequest request) {
        String expected = IfMatch.expectedVersion(ifMatch, "GET /api/targets");
        ServerDefinition server = ServerJson.read(body, validator);
        String version = store.update(id, server, expected, actor(user, request));
        return ResponseEntity.ok().eTag(version).body(ServerJson.Server.of(server));
    }

    @DeleteMapping("/servers/{id}")
    ResponseEntity<Void> delete(
            @PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            Principal user,
            HttpServletRequest request) {
        String version = store.delete(id, IfMatch.expectedVersion(ifMatch, "GET /api/targets"), actor(user, request));
        return ResponseEntity.noContent().eTag(version).build();
    }

    /** The audit log's actor: the authenticated user, and the address TrustedProxyFilter vouches for. */
    private static Actor actor(Principal user, HttpServletRequest request) {
        return new Actor(user.getName(), request.getRemoteAddr());
    }

    @ExceptionHandler(ValidationException.class)
    ResponseEntity<ProblemDetail> invalid(ValidationException e, HttpServletRequest request) {
        if (e instanceof NoSuchServerException) {
            return problem(HttpStatus.NOT_FOUND, "No server with this id in the target list", request);
        }
        List<Map<String, String>> errors = e.errors().stream()
                .map(ServerJson::apiField)
                .map(error -> fieldError(error.field(), error.message()))
                .toList();
        return problem(
                HttpStatus.BAD_REQUEST,
                "The server was refused; nothing was written. " + fieldsNeedAFix(errors.size()),
                request,
                Map.of("errors", errors));
    }

    @ExceptionHandler(UnparseableTargetsException.class)
    ResponseEntity<ProblemDetail> unparseable(UnparseableTargetsException e, HttpServletRequest request) {
        return problem(
                HttpStatus.CONFLICT,
                "The targets file cannot be used: " + e.reason()
                        + " Repair it in Settings (which can replace it, keeping a backup)",
                request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "The body is not a JSON server; nothing was written",
                request,
                Map.of("errors", List.of(fieldError("server", "must be a JSON object"))));
    }

    @ExceptionHandler(TargetStoreException.class)
    ResponseEntity<ProblemDetail> failed(TargetStoreException e, HttpServletRequest request) {
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, String.valueOf(e.getMessage()), request);
    }
}
