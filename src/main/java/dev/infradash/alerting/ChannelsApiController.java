package dev.infradash.alerting;

import static dev.infradash.base.ApiProblems.fieldError;
import static dev.infradash.base.ApiProblems.fieldsNeedAFix;
import static dev.infradash.base.ApiProblems.problem;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infradash.base.IfMatch;
import dev.infradash.prometheus.AlertmanagerException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

/**
 * Notification channels over REST. Viewers read (secrets masked); writes are admin-only and
 * audited. The body is flat: {@code {"name": "ops", "type": "webhook", "url": "..."}}, every
 * other key a field of the type. A 400 names every refused field; nothing is written then.
 *
 * <p>Optimistic concurrency as rules and targets have it: GET of one channel answers its version
 * as {@code ETag}; PUT and DELETE must send it back in {@code If-Match} (428 without, 412 when the
 * channel changed meanwhile), so a script or a stale form cannot undo another admin's change.
 */
@RestController
@RequestMapping(path = "/api/alerting/channels", produces = "application/json")
class ChannelsApiController {

    private static final String ADMIN = "hasRole('ADMIN') and @liveRoles.isAdmin(authentication)";
    private static final int MAX_FIELDS = 20;
    private static final String VERSION_SOURCE = "GET /api/alerting/channels/{id}";

    private final ChannelService channels;

    ChannelsApiController(ChannelService channels) {
        this.channels = channels;
    }

    record ChannelList(
            List<ChannelService.ChannelInfo> channels,
            @Nullable String alertmanager) {}

    @GetMapping
    ChannelList list() {
        return new ChannelList(channels.list(), channels.configStatus().orElse(null));
    }

    @GetMapping("/{id}")
    ResponseEntity<ChannelService.ChannelInfo> one(@PathVariable String id) {
        ChannelService.ChannelInfo channel = channels.find(id).orElseThrow(() -> new NoSuchChannelException(id));
        return ResponseEntity.ok().eTag(channel.version()).body(channel);
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize(ADMIN)
    ResponseEntity<Map<String, String>> create(@RequestBody JsonNode body) {
        String id = channels.create(read(body));
        return ResponseEntity.created(URI.create("/api/alerting/channels/" + id))
                .body(Map.of("id", id));
    }

    @PutMapping(path = "/{id}", consumes = "application/json")
    @PreAuthorize(ADMIN)
    ResponseEntity<Void> update(
            @PathVariable String id,
            @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        channels.update(id, read(body), IfMatch.expectedVersion(ifMatch, VERSION_SOURCE));
        return ResponseEntity.noContent()
                .eTag(channels.find(id).map(ChannelService.ChannelInfo::version).orElse(""))
                .build();
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(ADMIN)
    ResponseEntity<Void> delete(
            @PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        channels.delete(id, IfMatch.expectedVersion(ifMatch, VERSION_SOURCE));
        return ResponseEntity.noContent().build();
    }

    /** Body optional: {@code {"server": "web-1"}} names a server in the test alert. */
    @PostMapping("/{id}/test")
    @PreAuthorize(ADMIN)
    ResponseEntity<Map<String, String>> test(
            @PathVariable String id, @RequestBody(required = false) @Nullable JsonNode body) {
        String server = body == null ? null : body.path("server").asText(null);
        if (server != null && (server.length() > 128 || !server.matches("[A-Za-z0-9][A-Za-z0-9._-]*"))) {
            throw new InvalidChannelException(
                    List.of(new ChannelFieldError("server", "A server id: letters, digits, '.', '_', '-'")));
        }
        channels.sendTest(id, server);
        return ResponseEntity.accepted().body(Map.of("status", "Test alert handed to Alertmanager"));
    }

    private static ChannelService.ChannelRequest read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidChannelException(List.of(new ChannelFieldError("channel", "Must be a JSON object")));
        }
        List<ChannelFieldError> errors = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        if (body.size() > MAX_FIELDS) errors.add(new ChannelFieldError("channel", "Too many fields"));
        body.fields().forEachRemaining(e -> {
            if (e.getKey().equals("id")
                    || e.getKey().equals("name")
                    || e.getKey().equals("type")) return;
            if (e.getValue().isTextual() || e.getValue().isNumber())
                fields.put(e.getKey(), e.getValue().asText());
            else if (!e.getValue().isNull()) errors.add(new ChannelFieldError(e.getKey(), "Must be a string"));
        });
        if (!errors.isEmpty()) throw new InvalidChannelException(errors);
        return new ChannelService.ChannelRequest(
                body.path("name").asText(""), body.path("type").asText(""), fields);
    }

    @ExceptionHandler(InvalidChannelException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidChannelException e, HttpServletRequest request) {
        List<Map<String, String>> errors = e.errors().stream()
                .map(error -> fieldError(error.field(), error.message()))
                .toList();
        return problem(
                HttpStatus.BAD_REQUEST,
                "The channel was refused; nothing was written. " + fieldsNeedAFix(errors.size()),
                request,
                Map.of("errors", errors));
    }

    @ExceptionHandler(NoSuchChannelException.class)
    ResponseEntity<ProblemDetail> missing(NoSuchChannelException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, "No channel with this id", request);
    }

    @ExceptionHandler(AlertmanagerConfigRefusedException.class)
    ResponseEntity<ProblemDetail> refused(AlertmanagerConfigRefusedException e, HttpServletRequest request) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, String.valueOf(e.getMessage()), request);
    }

    @ExceptionHandler(AlertmanagerException.class)
    ResponseEntity<ProblemDetail> unreachable(AlertmanagerException e, HttpServletRequest request) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, String.valueOf(e.getMessage()), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "The body is not a JSON channel; nothing was written",
                request,
                Map.of("errors", List.of(fieldError("channel", "must be a JSON object"))));
    }
}
