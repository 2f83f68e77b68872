package dev.infradash.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the overview shows of the fleet: a search text, a role, a status, a sort, grouping by role
 * and cards or a table. Lives in the URL query ({@code ?q=storage&role=storage&status=down&sort=cpu&view=table})
 * so a link or a kiosk screen keeps it. Plain data: parsing forgives anything (an unknown value
 * is the default), and {@link #toQuery()} writes only what differs from the default.
 *
 * @param search  free text matched against name, id, role and exporter addresses; empty = all
 * @param role    one role, exactly; empty = all
 */
public record FleetFilter(String search, String role, Status status, Sort sort, boolean groupByRole, Layout layout) {

    public static final FleetFilter DEFAULT = new FleetFilter("", "", Status.ANY, Sort.PROBLEMS, false, Layout.CARDS);

    /** A search longer than this is cut: nobody types it, and it bounds the matching work. */
    static final int MAX_SEARCH = 100;

    public FleetFilter {
        search = search.strip();
        search = search.length() > MAX_SEARCH ? search.substring(0, MAX_SEARCH) : search;
        role = role.strip();
    }

    public enum Status {
        ANY,
        DOWN,
        ALERTING,
        STALE,
        UP
    }

    public enum Sort {
        PROBLEMS,
        NAME,
        CPU,
        MEMORY,
        DISK,
        GPU
    }

    public enum Layout {
        CARDS,
        TABLE
    }

    /** From URL query parameters (first value of each); unknown or missing values are the default. */
    public static FleetFilter fromQuery(Map<String, List<String>> parameters) {
        return new FleetFilter(
                first(parameters, "q").orElse(""),
                first(parameters, "role").orElse(""),
                first(parameters, "status").flatMap(s -> parse(Status.class, s)).orElse(Status.ANY),
                first(parameters, "sort").flatMap(s -> parse(Sort.class, s)).orElse(Sort.PROBLEMS),
                first(parameters, "group").map("role"::equalsIgnoreCase).orElse(false),
                first(parameters, "view").flatMap(s -> parse(Layout.class, s)).orElse(Layout.CARDS));
    }

    /** Whether any of the URL's parameters are this record's: otherwise the browser's last choice applies. */
    public static boolean mentionedIn(Map<String, List<String>> parameters) {
        return List.of("q", "role", "status", "sort", "group", "view").stream().anyMatch(parameters::containsKey);
    }

    /** The URL query parameters that say this, in a stable order; empty for {@link #DEFAULT}. */
    public Map<String, String> toQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        if (!search.isEmpty()) {
            query.put("q", search);
        }
        if (!role.isEmpty()) {
            query.put("role", role);
        }
        if (status != Status.ANY) {
            query.put("status", lower(status));
        }
        if (sort != Sort.PROBLEMS) {
            query.put("sort", lower(sort));
        }
        if (groupByRole) {
            query.put("group", "role");
        }
        if (layout != Layout.CARDS) {
            query.put("view", lower(layout));
        }
        return query;
    }

    public FleetFilter withSearch(String newSearch) {
        return new FleetFilter(newSearch, role, status, sort, groupByRole, layout);
    }

    public FleetFilter withRole(String newRole) {
        return new FleetFilter(search, newRole, status, sort, groupByRole, layout);
    }

    public FleetFilter withStatus(Status newStatus) {
        return new FleetFilter(search, role, newStatus, sort, groupByRole, layout);
    }

    public FleetFilter withSort(Sort newSort) {
        return new FleetFilter(search, role, status, newSort, groupByRole, layout);
    }

    public FleetFilter withGroupByRole(boolean group) {
        return new FleetFilter(search, role, status, sort, group, layout);
    }

    public FleetFilter withLayout(Layout newLayout) {
        return new FleetFilter(search, role, status, sort, groupByRole, newLayout);
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static Optional<String> first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.strip())) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    /** The roles to offer in the role filter: those of the servers, sorted, without the empty one. */
    static List<String> roles(List<ServerSnapshot> servers) {
        return new ArrayList<>(servers.stream()
                .map(ServerSnapshot::role)
                .filter(r -> !r.isEmpty())
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
    }
}
