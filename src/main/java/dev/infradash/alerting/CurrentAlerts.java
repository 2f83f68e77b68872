package dev.infradash.alerting;

import dev.infradash.fleet.AlertmanagerReader;
import dev.infradash.fleet.FleetSnapshot;
import dev.infradash.fleet.FleetSnapshotPublisher;
import dev.infradash.fleet.ServerAlert;
import dev.infradash.fleet.ServerSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The alerts firing, pending and silenced now, straight from the collector's latest snapshot:
 * the cycle already read Prometheus' alerts and Alertmanager's silences once for everybody, so
 * listing them costs no request however many people look.
 */
@Service
public class CurrentAlerts {

    private final FleetSnapshotPublisher snapshots;

    CurrentAlerts(FleetSnapshotPublisher snapshots) {
        this.snapshots = snapshots;
    }

    public Listing now(@Nullable String server, @Nullable String severity) {
        return of(snapshots.current(), server, severity);
    }

    /** Firing first, then pending, then silenced; the most severe and oldest first within each. */
    public static Listing of(FleetSnapshot snapshot, @Nullable String server, @Nullable String severity) {
        List<CurrentAlert> alerts = new ArrayList<>();
        for (ServerSnapshot one : snapshot.servers()) {
            if (server != null && !server.isEmpty() && !one.id().equals(server)) continue;
            for (ServerAlert alert : one.alerts()) {
                if (severity != null && !severity.isEmpty() && !alert.severity().equals(severity)) continue;
                alerts.add(new CurrentAlert(
                        one.id(),
                        one.displayName(),
                        alert.name(),
                        alert.severity(),
                        alert.silenced() ? "silenced" : alert.state(),
                        alert.since(),
                        alert.summary(),
                        alert.silencedBy(),
                        alert.silencedUntil()));
            }
        }
        alerts.sort(Comparator.comparingInt(CurrentAlerts::stateRank)
                .thenComparing(
                        Comparator.comparingInt(CurrentAlerts::severityRank).reversed())
                .thenComparing(CurrentAlert::since, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(CurrentAlert::server)
                .thenComparing(CurrentAlert::alertname));
        return new Listing(
                snapshot.collectedAt(),
                snapshot.failedQueries().get("alerts"),
                snapshot.failedQueries().get(AlertmanagerReader.ALERTMANAGER),
                alerts);
    }

    private static int stateRank(CurrentAlert alert) {
        return switch (alert.state()) {
            case "firing" -> 0;
            case "pending" -> 1;
            default -> 2;
        };
    }

    private static int severityRank(CurrentAlert alert) {
        return switch (alert.severity()) {
            case "critical" -> 3;
            case "warning" -> 2;
            default -> 1;
        };
    }

    /**
     * @param collectedAt        the cycle the list is from
     * @param prometheusError    why this cycle could not read the alerts (the last known are shown), or null
     * @param alertmanagerError  why it could not read the silences (alerts shown unsilenced), or null
     */
    public record Listing(
            @Nullable Instant collectedAt,
            @Nullable String prometheusError,
            @Nullable String alertmanagerError,
            List<CurrentAlert> alerts) {
        public Listing {
            alerts = List.copyOf(alerts);
        }
    }
}
