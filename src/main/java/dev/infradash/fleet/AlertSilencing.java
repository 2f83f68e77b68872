package dev.infradash.fleet;

import dev.infradash.prometheus.Alert;
import dev.infradash.prometheus.AlertmanagerAlert;
import dev.infradash.prometheus.Silence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Which silences mute a Prometheus alert, from the cycle's one read of Alertmanager. Pure: built
 * from Alertmanager's alerts and active silences, asked once per alert by the assembler.
 *
 * <p>A firing alert Alertmanager holds carries Alertmanager's own verdict ({@code silencedBy}).
 * A pending alert never reaches Alertmanager, nor does a firing one in the seconds before
 * Prometheus sends it: for those the active silences' matchers are applied here, as Alertmanager
 * would, so a fresh silence shows at once and a pending alert can be silenced before it fires.
 */
public final class AlertSilencing {

    /** Nothing is silenced: Alertmanager was not asked, or could not answer. */
    public static final AlertSilencing NONE = new AlertSilencing(List.of(), List.of());

    private final List<AlertmanagerAlert> held;
    private final List<Silence> active;

    /**
     * @param held   Alertmanager's alerts ({@code GET /api/v2/alerts})
     * @param active its silences; only active ones are kept
     */
    public AlertSilencing(List<AlertmanagerAlert> held, List<Silence> active) {
        this.held = List.copyOf(held);
        this.active = active.stream().filter(Silence::active).toList();
    }

    /** The active silences, for the snapshot to carry. */
    public List<Silence> activeSilences() {
        return active;
    }

    /** The silences muting this alert and when the last of them ends. */
    public Status of(Alert alert) {
        List<String> ids = null;
        for (AlertmanagerAlert candidate : held) {
            if (candidate.labels().entrySet().containsAll(alert.labels().entrySet())) {
                ids = candidate.silencedBy();
                break;
            }
        }
        if (ids == null) {
            ids = new ArrayList<>();
            for (Silence silence : active) {
                if (matches(silence, alert.labels())) {
                    ids.add(Objects.requireNonNull(silence.id(), "a silence read from Alertmanager has an id"));
                }
            }
        }
        Instant until = null;
        for (Silence silence : active) {
            if (ids.contains(silence.id()) && (until == null || silence.endsAt().isAfter(until))) {
                until = silence.endsAt();
            }
        }
        return new Status(ids, until);
    }

    /** Alertmanager's rule: every matcher holds; a regex matches the whole value; a missing label is "". */
    static boolean matches(Silence silence, Map<String, String> labels) {
        if (silence.matchers().isEmpty()) {
            return false;
        }
        for (Silence.Matcher matcher : silence.matchers()) {
            String value = labels.getOrDefault(matcher.name(), "");
            boolean equal;
            if (matcher.isRegex()) {
                try {
                    equal = Pattern.compile(matcher.value()).matcher(value).matches();
                } catch (PatternSyntaxException notJava) {
                    return false; // a Go regex Java cannot read: leave the verdict to Alertmanager
                }
            } else {
                equal = matcher.value().equals(value);
            }
            if (equal != matcher.isEqual()) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param silencedBy ids of the silences muting the alert
     * @param until      when the last of them ends, or null when none does
     */
    public record Status(List<String> silencedBy, @Nullable Instant until) {
        public Status {
            silencedBy = List.copyOf(silencedBy);
        }
    }
}
