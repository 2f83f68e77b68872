package dev.infradash.alerting;

import dev.infradash.fleet.AlertmanagerReader;
import dev.infradash.fleet.FleetSnapshot;
import dev.infradash.fleet.ServerAlert;
import dev.infradash.fleet.ServerSnapshot;
import dev.infradash.prometheus.Silence;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The rule for "until resolved" silences. Alertmanager wants an end, so such a silence is a long
 * one whose comment starts with {@link #MARKER}; it is due for expiry once no alert it covers is
 * firing or pending in a snapshot that can tell (Prometheus and Alertmanager both answered: a
 * missing answer must not look like a resolution). Pure: the expirer does the I/O.
 */
public final class UntilResolved {

    /** Starts the comment of every "until resolved" silence: Alertmanager keeps no other field for it. */
    public static final String MARKER = "[until resolved] ";

    private UntilResolved() {}

    public static boolean isMarked(Silence silence) {
        return silence.comment().startsWith(MARKER);
    }

    /** The ids of the marked active silences of the snapshot that cover nothing firing or pending now. */
    public static List<String> dueForExpiry(FleetSnapshot snapshot) {
        if (snapshot.isInitial()
                || !snapshot.prometheus().reachable()
                || snapshot.failedQueries().containsKey("alerts")
                || snapshot.failedQueries().containsKey(AlertmanagerReader.ALERTMANAGER)) {
            return List.of();
        }
        List<String> due = new ArrayList<>();
        for (Silence silence : snapshot.silences()) {
            if (silence.active()
                    && isMarked(silence)
                    && covered(snapshot, silence).isEmpty()) {
                due.add(Objects.requireNonNull(silence.id(), "read from Alertmanager"));
            }
        }
        return due;
    }

    /**
     * The alerts of the snapshot a silence made by Infradash covers ({@code server} and maybe
     * {@code alertname} equal); empty for any other kind of silence.
     */
    public static List<ServerAlert> covered(FleetSnapshot snapshot, Silence silence) {
        String server = equalValue(silence, "server");
        if (server == null) {
            return List.of();
        }
        String alertname = equalValue(silence, "alertname");
        Optional<ServerSnapshot> found = snapshot.server(server);
        return found.map(s -> s.alerts().stream()
                        .filter(alert -> alertname == null || alert.name().equals(alertname))
                        .toList())
                .orElse(List.of());
    }

    private static @Nullable String equalValue(Silence silence, String label) {
        return silence.matchers().stream()
                .filter(m -> m.name().equals(label) && m.isEqual() && !m.isRegex())
                .map(Silence.Matcher::value)
                .findFirst()
                .orElse(null);
    }
}
