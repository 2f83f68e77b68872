package dev.infradash.fleet;

import dev.infradash.base.Reading;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Applies a {@link FleetFilter} to a snapshot's servers: which servers match, in which order.
 * Pure and Vaadin-free; the overview's cards and table only bind its result.
 *
 * <p>Servers that are down or have a firing alert come first whatever the sort, so they stay
 * visible at the top however few cards are loaded. Ties keep the snapshot's order (the targets
 * file's, the order the admin chose). Grouping by role orders the groups by role name, servers
 * without a role last, and sorts within each group.
 */
public final class FleetSelection {

    private FleetSelection() {}

    /**
     * @param addresses exporter addresses by server id (from the targets file), for the search
     */
    public static List<ServerSnapshot> apply(
            List<ServerSnapshot> servers, FleetFilter filter, Map<String, List<String>> addresses) {
        String needle = filter.search().toLowerCase(Locale.ROOT);
        List<ServerSnapshot> matching = new ArrayList<>();
        for (ServerSnapshot server : servers) {
            if (matches(server, filter, needle, addresses.getOrDefault(server.id(), List.of()))) {
                matching.add(server);
            }
        }
        Comparator<ServerSnapshot> order = Comparator.comparingInt(FleetSelection::problemRank);
        if (filter.groupByRole()) {
            order = Comparator.<ServerSnapshot, Boolean>comparing(s -> s.role().isEmpty())
                    .thenComparing(ServerSnapshot::role)
                    .thenComparing(order);
        }
        order = order.thenComparing(within(filter.sort()));
        matching.sort(order); // stable: ties keep the snapshot's order
        return matching;
    }

    /** 0 down, 1 alerting (firing), 2 anything else. */
    static int problemRank(ServerSnapshot server) {
        if (server.health() == Health.DOWN) {
            return 0;
        }
        return alerting(server) ? 1 : 2;
    }

    static boolean alerting(ServerSnapshot server) {
        return server.alerts().stream().anyMatch(ServerAlert::firing);
    }

    private static boolean matches(ServerSnapshot server, FleetFilter filter, String needle, List<String> addresses) {
        if (!filter.role().isEmpty() && !filter.role().equals(server.role())) {
            return false;
        }
        boolean status = switch (filter.status()) {
            case ANY -> true;
            case DOWN -> server.health() == Health.DOWN;
            case ALERTING -> alerting(server);
            case STALE -> server.stale();
            case UP -> server.health() == Health.UP;
        };
        if (!status) {
            return false;
        }
        if (needle.isEmpty()) {
            return true;
        }
        return contains(server.displayName(), needle)
                || contains(server.id(), needle)
                || contains(server.role(), needle)
                || addresses.stream().anyMatch(address -> contains(address, needle));
    }

    private static boolean contains(String text, String lowerNeedle) {
        return text.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }

    /** Within the same problem rank: the chosen sort, highest use first; unknown values last. */
    private static Comparator<ServerSnapshot> within(FleetFilter.Sort sort) {
        return switch (sort) {
            case PROBLEMS -> (a, b) -> 0;
            case NAME ->
                Comparator.comparing((ServerSnapshot s) -> s.displayName().toLowerCase(Locale.ROOT))
                        .thenComparing(ServerSnapshot::id);
            case CPU -> highestFirst(s -> value(s.node().cpuBusyPercent()));
            case MEMORY -> highestFirst(s -> value(s.node().memoryUsedPercent()));
            case DISK -> highestFirst(s -> value(s.node().rootFilesystemUsedPercent()));
            case GPU -> highestFirst(FleetSelection::busiestGpu);
        };
    }

    private static Comparator<ServerSnapshot> highestFirst(ToDoubleFunction<ServerSnapshot> value) {
        // NaN (no value) sorts after every number
        return (a, b) -> {
            double x = value.applyAsDouble(a);
            double y = value.applyAsDouble(b);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
            }
            return Double.compare(y, x);
        };
    }

    static double busiestGpu(ServerSnapshot server) {
        return server.gpus().stream()
                .mapToDouble(gpu -> value(gpu.utilizationPercent()))
                .filter(v -> !Double.isNaN(v))
                .max()
                .orElse(Double.NaN);
    }

    static double value(@Nullable Reading reading) {
        return reading == null ? Double.NaN : reading.value();
    }
}
