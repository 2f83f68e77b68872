package dev.infradash.alerting;

import static dev.infradash.base.ApiProblems.fieldError;
import static dev.infradash.base.ApiProblems.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infradash.base.IfMatch;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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
 * Alert rules over REST. Viewers read; writes are admin-only and audited ({@link AlertRules}).
 * Writes take {@code application/json} only: a cross-site form can send no such body without a
 * CORS preflight, which is why this path needs no CSRF token (see SecurityConfiguration).
 * Refusals are problem+json naming each field; nothing is written.
 *
 * <p>Optimistic concurrency as {@code /api/targets} has it: GET of one rule answers its version as
 * {@code ETag}; PUT and DELETE must send it back in {@code If-Match} (428 without, 412 when the
 * rule changed meanwhile), so a script cannot undo an edit made in the UI since it read the rule.
 */
@RestController
@RequestMapping(path = "/api/alerting/rules", produces = "application/json")
class RulesApiController {

    private static final String ADMIN = "hasRole('ADMIN') and @liveRoles.isAdmin(authentication)";

    private final AlertRules rules;
    private final ObjectMapper json;

    RulesApiController(AlertRules rules, ObjectMapper json) {
        this.rules = rules;
        this.json = json;
    }

    @GetMapping
    Map<String, Object> list() {
        return Map.of(
                "rules",
                rules.list().stream()
                        .map(rule -> RuleJson.described(rule, json))
                        .toList());
    }

    @GetMapping("/{id}")
    ResponseEntity<ObjectNode> one(@PathVariable String id) {
        AlertRule rule = rules.find(id).orElseThrow(() -> new NoSuchRuleException(id));
        return ResponseEntity.ok()
                .eTag(rules.version(rule))
                .body(RuleJson.described(rule, json).put("expression", rules.expression(rule)));
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize(ADMIN)
    ResponseEntity<Map<String, String>> create(@RequestBody JsonNode body) {
        AlertRule rule = rules.create(body);
        return ResponseEntity.created(
                        URI.create("/api/alerting/rules/" + UriUtils.encodePathSegment(rule.id(), "UTF-8")))
                .eTag(rules.version(rule))
                .body(Map.of("id", rule.id()));
    }

    @PutMapping(path = "/{id}", consumes = "application/json")
    @PreAuthorize(ADMIN)
    ResponseEntity<ObjectNode> update(
            @PathVariable String id,
            @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        AlertRule rule = rules.update(id, body, IfMatch.expectedVersion(ifMatch, "GET /api/alerting/rules/{id}"));
        return ResponseEntity.ok().eTag(rules.version(rule)).body(RuleJson.described(rule, json));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(ADMIN)
    ResponseEntity<Void> delete(
            @PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        rules.delete(id, IfMatch.expectedVersion(ifMatch, "GET /api/alerting/rules/{id}"));
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(InvalidRuleException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRuleException e, HttpServletRequest request) {
        List<Map<String, String>> errors = e.errors().stream()
                .map(error -> fieldError(error.field(), error.message()))
                .toList();
        return problem(
                HttpStatus.BAD_REQUEST,
                "The rule was refused; nothing was written. "
                        + errors.stream()
                                .map(error -> error.get("field") + ": " + error.get("message"))
                                .reduce((a, b) -> a + "; " + b)
                                .orElse(""),
                request,
                Map.of("errors", errors));
    }

    @ExceptionHandler(NoSuchRuleException.class)
    ResponseEntity<ProblemDetail> missing(NoSuchRuleException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, String.valueOf(e.getMessage()), request);
    }

    @ExceptionHandler(RuleFileRefusedException.class)
    ResponseEntity<ProblemDetail> refused(RuleFileRefusedException e, HttpServletRequest request) {
        // Prometheus refused the file, or could not be asked: a conflict with the running system,
        // not a malformed request; the last good file is in place
        return problem(
                HttpStatus.CONFLICT,
                "The change was not applied; the last good rule file is in place. " + e.getMessage(),
                request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "The body is not a JSON rule; nothing was written",
                request,
                Map.of("errors", List.of(fieldError("rule", "must be a JSON object"))));
    }
}
