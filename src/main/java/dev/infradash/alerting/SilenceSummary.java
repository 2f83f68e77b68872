package dev.infradash.alerting;

import dev.infradash.fleet.FleetSnapshot;
import dev.infradash.prometheus.Silence;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An active silence as the alert list shows it, so views need not know Alertmanager's types.
 *
 * @param matchers      as Alertmanager writes them: {@code server="web-1", alertname="HostDown"}
 * @param server        the value of its {@code server="..."} matcher, or empty
 * @param untilResolved made "until resolved": {@link UntilResolvedExpirer} ends it
 */
record SilenceSummary(
        String id,
        String matchers,
        String server,
        boolean untilResolved,
        Instant endsAt,
        String createdBy,
        String comment) {

    static List<SilenceSummary> of(FleetSnapshot snapshot) {
        return snapshot.silences().stream().map(SilenceSummary::of).toList();
    }

    static SilenceSummary of(Silence silence) {
        String matchers = silence.matchers().stream()
                .map(m -> m.name() + (m.isEqual() ? "" : "!") + (m.isRegex() ? "~" : "=") + "\"" + m.value() + "\"")
                .collect(Collectors.joining(", "));
        String server = silence.matchers().stream()
                .filter(m -> m.name().equals("server") && m.isEqual() && !m.isRegex())
                .map(Silence.Matcher::value)
                .findFirst()
                .orElse("");
        return new SilenceSummary(
                Objects.requireNonNullElse(silence.id(), ""),
                matchers,
                server,
                UntilResolved.isMarked(silence),
                silence.endsAt(),
                silence.createdBy(),
                silence.comment());
    }
}
