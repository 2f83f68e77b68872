package dev.infradash.alerting;

import dev.infradash.fleet.FleetSnapshot;
import dev.infradash.fleet.ServerSnapshot;
import dev.infradash.prometheus.Silence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link SilenceRequest} into the Alertmanager silence to create, or refuses it with every
 * bad field named. Pure (the fleet and the time come in), so every rule is unit-tested.
 *
 * <p>The matchers are always {@code server="<id>"} and maybe {@code alertname="<name>"}, equality
 * only: the server must be one of the fleet's, so a silence can never match every alert (an empty
 * matcher set, or {@code server=""}, would silence whatever has no server label).
 */
public final class SilencePlanner {

    public static final int MAX_COMMENT = 500;
    public static final int MAX_ALERTNAME = 200;

    private SilencePlanner() {}

    public static Silence plan(SilenceRequest request, FleetSnapshot fleet, String createdBy, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        String server = request.server() == null ? "" : request.server();
        Optional<ServerSnapshot> target = Optional.empty();
        if (server.isBlank()) {
            errors.add(new FieldError("server", "Choose the server to silence"));
        } else if (fleet.isInitial()) {
            errors.add(new FieldError("server", "The server list is not loaded yet; try again in a few seconds"));
        } else {
            target = fleet.server(server);
            if (target.isEmpty()) {
                errors.add(new FieldError("server", "No server with this id in the fleet"));
            }
        }
        String alertname =
                request.alertname() == null ? null : request.alertname().strip();
        if (alertname != null && alertname.isEmpty()) {
            alertname = null; // blank means every alert of the server
        }
        if (alertname != null) {
            if (alertname.length() > MAX_ALERTNAME) {
                errors.add(new FieldError("alertname", "At most " + MAX_ALERTNAME + " characters"));
            } else if (hasControlCharacters(alertname)) {
                errors.add(new FieldError("alertname", "Must not contain control characters (line breaks, tabs)"));
            }
        }
        SilenceDuration duration = null;
        if (request.duration() == null || request.duration().isBlank()) {
            errors.add(new FieldError("duration", "Choose " + SilenceDuration.choices()));
        } else {
            duration = SilenceDuration.parse(request.duration()).orElse(null);
            if (duration == null) {
                errors.add(new FieldError("duration", "Must be " + SilenceDuration.choices()));
            }
        }
        String comment = request.comment() == null ? "" : request.comment().strip();
        if (comment.isEmpty()) {
            errors.add(new FieldError("comment", "Say why, for whoever sees the silenced alert"));
        } else if (comment.length() > MAX_COMMENT) {
            errors.add(new FieldError("comment", "At most " + MAX_COMMENT + " characters"));
        } else if (hasControlCharacters(comment)) {
            errors.add(new FieldError("comment", "Must not contain control characters (line breaks, tabs)"));
        }
        if (duration == SilenceDuration.UNTIL_RESOLVED && target.isPresent() && errors.isEmpty()) {
            String name = alertname;
            boolean somethingToResolve = target.get().alerts().stream()
                    .anyMatch(alert -> name == null || alert.name().equals(name));
            if (!somethingToResolve) {
                errors.add(new FieldError(
                        "duration",
                        "Nothing fires or is pending " + (name == null ? "on this server" : "under this alert name")
                                + ", so nothing would resolve it; choose 1h, 4h or 24h"));
            }
        }
        if (!errors.isEmpty() || duration == null) {
            throw new SilenceRefusedException(errors);
        }
        List<Silence.Matcher> matchers = new ArrayList<>();
        matchers.add(Silence.Matcher.equal("server", server));
        if (alertname != null) {
            matchers.add(Silence.Matcher.equal("alertname", alertname));
        }
        String text = duration == SilenceDuration.UNTIL_RESOLVED ? UntilResolved.MARKER + comment : comment;
        return Silence.of(matchers, now, now.plus(duration.length()), createdBy, text);
    }

    /** Any C0/C1 control, line or paragraph separator, or bidi override: nothing a comment needs. */
    static boolean hasControlCharacters(@Nullable String text) {
        return text != null
                && text.codePoints()
                        .anyMatch(c -> Character.isISOControl(c)
                                || c == 0x2028
                                || c == 0x2029
                                || (c >= 0x202A && c <= 0x202E)
                                || (c >= 0x2066 && c <= 0x2069));
    }
}
