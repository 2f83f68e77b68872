package dev.infradash.alerting;

import static dev.infradash.base.ApiProblems.fieldError;
import static dev.infradash.base.ApiProblems.fieldsNeedAFix;
import static dev.infradash.base.ApiProblems.problem;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infradash.prometheus.AlertmanagerException;
import dev.infradash.prometheus.PrometheusException;
import dev.infradash.prometheus.Silence;
import dev.infradash.targets.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * Alerts, their history and silences over REST. Reads for every signed-in user (the current list
 * from the snapshot, the history from a short cache); writes admin-only, checked against the
 * user's role now, and audited by {@link SilenceService}. Refusals are problem+json naming the
 * field; nothing is sent to Alertmanager then.
 */
@RestController
@RequestMapping(path = "/api/alerting", produces = "application/json")
class AlertingApiController {

    private static final Set<String> SILENCE_FIELDS = Set.of("server", "alertname", "duration", "comment");

    private final CurrentAlerts current;
    private final AlertHistory history;
    private final SilenceService silences;

    AlertingApiController(CurrentAlerts current, AlertHistory history, SilenceService silences) {
        this.current = current;
        this.history = history;
        this.silences = silences;
    }

    @GetMapping("/alerts")
    CurrentAlerts.Listing alerts(
            @RequestParam(required = false) @Nullable String server,
            @RequestParam(required = false) @Nullable String severity) {
        return current.now(server, severity);
    }

    @GetMapping("/history")
    AlertHistory.Page history(
            @RequestParam(defaultValue = "24h") String range,
            @RequestParam(required = false) @Nullable String server,
            @RequestParam(required = false) @Nullable String severity) {
        HistoryRange parsed =
                HistoryRange.parse(range).orElseThrow(() -> new SilenceRefusedException("range", "Must be 24h or 7d"));
        return history.history(parsed, server, severity);
    }

    @GetMapping("/silences")
    List<Silence> silences() {
        return silences.active();
    }

    @PostMapping(path = "/silences", consumes = "application/json")
    @PreAuthorize("hasRole('ADMIN') and @liveRoles.isAdmin(authentication)")
    ResponseEntity<Map<String, String>> create(
            @RequestBody JsonNode body, Authentication user, HttpServletRequest request) {
        String id = silences.create(read(body), user, actor(user, request));
        return ResponseEntity.created(URI.create("/api/alerting/silences/" + UriUtils.encodePathSegment(id, "UTF-8")))
                .body(Map.of("id", id));
    }

    @DeleteMapping("/silences/{id}")
    @PreAuthorize("hasRole('ADMIN') and @liveRoles.isAdmin(authentication)")
    ResponseEntity<Void> expire(@PathVariable String id, Authentication user, HttpServletRequest request) {
        silences.expire(id, user, actor(user, request));
        return ResponseEntity.noContent().build();
    }

    /** Strict: an object of strings, known fields only, so a typo is refused rather than ignored. */
    private static SilenceRequest read(JsonNode body) {
        if (!body.isObject()) {
            throw new SilenceRefusedException("silence", "Must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SILENCE_FIELDS.contains(name)) {
                errors.add(new FieldError(
                        name.length() > 40 ? name.substring(0, 40) + "…" : name,
                        "Unknown field; a silence has server, alertname, duration and comment"));
            } else if (!body.get(name).isTextual() && !body.get(name).isNull()) {
                errors.add(new FieldError(name, "Must be a string"));
            }
        }
        if (!errors.isEmpty()) {
            throw new SilenceRefusedException(errors);
        }
        return new SilenceRequest(
                text(body, "server"), text(body, "alertname"), text(body, "duration"), text(body, "comment"));
    }

    private static @Nullable String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Actor actor(Authentication user, HttpServletRequest request) {
        return new Actor(user.getName(), request.getRemoteAddr());
    }

    @ExceptionHandler(SilenceRefusedException.class)
    ResponseEntity<ProblemDetail> refused(SilenceRefusedException e, HttpServletRequest request) {
        List<Map<String, String>> errors = e.errors().stream()
                .map(error -> fieldError(error.field(), error.message()))
                .toList();
        return problem(
                HttpStatus.BAD_REQUEST,
                "Refused; nothing was changed. " + fieldsNeedAFix(errors.size()),
                request,
                Map.of("errors", errors));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "The body is not JSON; nothing was changed",
                request,
                Map.of("errors", List.of(fieldError("silence", "Must be a JSON object"))));
    }

    @ExceptionHandler(SilenceService.NoSuchSilenceException.class)
    ResponseEntity<ProblemDetail> noSuchSilence(SilenceService.NoSuchSilenceException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, String.valueOf(e.getMessage()), request);
    }

    @ExceptionHandler(AlertmanagerException.class)
    ResponseEntity<ProblemDetail> alertmanager(AlertmanagerException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_GATEWAY, String.valueOf(e.getMessage()), request);
    }

    @ExceptionHandler(PrometheusException.class)
    ResponseEntity<ProblemDetail> prometheus(PrometheusException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_GATEWAY, String.valueOf(e.getMessage()), request);
    }
}
