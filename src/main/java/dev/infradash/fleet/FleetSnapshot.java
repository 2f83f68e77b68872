package dev.infradash.fleet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.infradash.prometheus.Silence;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything a view needs to draw the fleet, as of one collector cycle. Immutable: the collector
 * publishes a new one each cycle and every view reads the same instance.
 *
 * @param collectedAt   when the cycle ran (its Prometheus evaluation time)
 * @param servers       configured servers in targets-file order, then others Prometheus reports
 * @param failedQueries queries whose answers are missing from this snapshot, with the reason
 * @param targetsFile   the file_sd file the servers come from
 * @param targetsError  why that file could not be used as it is now (the last good list is
 *                      shown), or null
 * @param details       the live chart values of the servers open in a detail view, by server id
 * @param silences      Alertmanager's active silences as the cycle read them (empty when it could
 *                      not: see {@link #failedQueries()}), for the alerting slice to reuse
 */
public record FleetSnapshot(
        long sequence,
        @Nullable Instant collectedAt,
        PrometheusStatus prometheus,
        List<ServerSnapshot> servers,
        Map<String, String> failedQueries,
        String targetsFile,
        @Nullable String targetsError,
        @JsonIgnore Map<String, ServerDetail> details,
        @JsonIgnore List<Silence> silences) {

    /**
     * What anyone but an admin is told instead of {@link #targetsError}: a parser's message can
     * quote the file, and the file can be a symlink to anything the app may read (issue 12).
     */
    public static final String TARGETS_ERROR_FOR_NON_ADMINS =
            "the targets file cannot be read; an admin can see why in Settings";

    public FleetSnapshot {
        servers = List.copyOf(servers);
        failedQueries = Map.copyOf(failedQueries);
        details = Map.copyOf(details);
        silences = List.copyOf(silences);
    }

    /** A snapshot without silences: Alertmanager not (yet) asked. */
    public FleetSnapshot(
            long sequence,
            @Nullable Instant collectedAt,
            PrometheusStatus prometheus,
            List<ServerSnapshot> servers,
            Map<String, String> failedQueries,
            String targetsFile,
            @Nullable String targetsError,
            Map<String, ServerDetail> details) {
        this(sequence, collectedAt, prometheus, servers, failedQueries, targetsFile, targetsError, details, List.of());
    }

    /** The placeholder before the first cycle has finished. */
    static FleetSnapshot initial(String prometheusUrl, String targetsFile) {
        return new FleetSnapshot(
                0,
                null,
                new PrometheusStatus(prometheusUrl, true, null, null),
                List.of(),
                Map.of(),
                targetsFile,
                null,
                Map.of());
    }

    /** The same snapshot carrying these details; the collector adds them once its slices answered. */
    FleetSnapshot withDetails(Map<String, ServerDetail> newDetails) {
        return new FleetSnapshot(
                sequence,
                collectedAt,
                prometheus,
                servers,
                failedQueries,
                targetsFile,
                targetsError,
                newDetails,
                silences);
    }

    /** This snapshot as anyone but an admin may see it: see {@link #TARGETS_ERROR_FOR_NON_ADMINS}. */
    public FleetSnapshot forNonAdmins() {
        return targetsError == null
                ? this
                : new FleetSnapshot(
                        sequence,
                        collectedAt,
                        prometheus,
                        servers,
                        failedQueries,
                        targetsFile,
                        TARGETS_ERROR_FOR_NON_ADMINS,
                        details,
                        silences);
    }

    public Optional<ServerSnapshot> server(String id) {
        return servers.stream().filter(server -> server.id().equals(id)).findFirst();
    }

    /** True before the collector has finished its first cycle. */
    @JsonIgnore
    public boolean isInitial() {
        return sequence == 0;
    }
}
