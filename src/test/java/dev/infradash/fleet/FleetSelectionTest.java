package dev.infradash.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infradash.base.Reading;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The overview's find and compare without Vaadin: FleetFilter's URL form and FleetSelection's rules. */
class FleetSelectionTest {

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    private static ServerSnapshot server(String id, String role, Health health, double cpu, double memory) {
        return TestSnapshots.server(id)
                .displayName("Name " + id)
                .role(role)
                .health(health)
                .node(new NodeMetrics(
                        new Reading(cpu, T0),
                        null,
                        new Reading(memory, T0),
                        null,
                        new Reading(100 - cpu, T0),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null))
                .build();
    }

    private static final ServerSnapshot WEB = server("web-1", "web", Health.UP, 30, 90);
    private static final ServerSnapshot DB = server("db-1", "db", Health.UP, 70, 10);
    private static final ServerSnapshot STORE = TestSnapshots.server(server("store-1", "storage", Health.UP, 50, 50))
            .stale(true)
            .build();
    private static final ServerSnapshot DOWN = server("web-2", "web", Health.DOWN, 1, 1);
    private static final ServerSnapshot ALERTING = TestSnapshots.server(server("gpu-1", "gpu", Health.UP, 5, 5))
            .alerts(List.of(new ServerAlert("GpuHot", "critical", "firing", T0, "hot")))
            .build();
    private static final ServerSnapshot PENDING = TestSnapshots.server(server("gpu-2", "gpu", Health.UP, 6, 6))
            .alerts(List.of(new ServerAlert("GpuHot", "critical", "pending", T0, "warm")))
            .build();
    private static final List<ServerSnapshot> FLEET = List.of(WEB, DB, STORE, DOWN, ALERTING, PENDING);

    private static List<String> ids(FleetFilter filter) {
        return ids(filter, Map.of());
    }

    private static List<String> ids(FleetFilter filter, Map<String, List<String>> addresses) {
        return FleetSelection.apply(FLEET, filter, addresses).stream()
                .map(ServerSnapshot::id)
                .toList();
    }

    @Test
    void problemsFirstIsTheDefaultAndTiesKeepTheFleetsOrder() {
        assertThat(ids(FleetFilter.DEFAULT)).containsExactly("web-2", "gpu-1", "web-1", "db-1", "store-1", "gpu-2");
    }

    @Test
    void everySortKeepsDownAndAlertingOnTop() {
        assertThat(ids(FleetFilter.DEFAULT.withSort(FleetFilter.Sort.CPU)))
                .containsExactly("web-2", "gpu-1", "db-1", "store-1", "web-1", "gpu-2");
        assertThat(ids(FleetFilter.DEFAULT.withSort(FleetFilter.Sort.MEMORY)))
                .containsExactly("web-2", "gpu-1", "web-1", "store-1", "db-1", "gpu-2");
        assertThat(ids(FleetFilter.DEFAULT.withSort(FleetFilter.Sort.DISK)))
                .containsExactly("web-2", "gpu-1", "gpu-2", "web-1", "store-1", "db-1");
        assertThat(ids(FleetFilter.DEFAULT.withSort(FleetFilter.Sort.NAME)))
                .containsExactly("web-2", "gpu-1", "db-1", "gpu-2", "store-1", "web-1");
    }

    @Test
    void serversWithoutAGpuSortAfterThoseWithOne() {
        ServerSnapshot gpu = TestSnapshots.server(server("ai", "gpu", Health.UP, 1, 1))
                .gpus(new GpuMetrics("u", "L40S", new Reading(40, T0), null, null, null))
                .build();
        List<ServerSnapshot> sorted =
                FleetSelection.apply(List.of(WEB, gpu), FleetFilter.DEFAULT.withSort(FleetFilter.Sort.GPU), Map.of());
        assertThat(sorted).extracting(ServerSnapshot::id).containsExactly("ai", "web-1");
    }

    @Test
    void eachStatusFilterKeepsItsServers() {
        assertThat(ids(FleetFilter.DEFAULT.withStatus(FleetFilter.Status.DOWN))).containsExactly("web-2");
        assertThat(ids(FleetFilter.DEFAULT.withStatus(FleetFilter.Status.ALERTING)))
                .as("firing only, not pending")
                .containsExactly("gpu-1");
        assertThat(ids(FleetFilter.DEFAULT.withStatus(FleetFilter.Status.STALE)))
                .containsExactly("store-1");
        assertThat(ids(FleetFilter.DEFAULT.withStatus(FleetFilter.Status.UP))).doesNotContain("web-2");
    }

    @Test
    void theSearchMatchesNameIdRoleAndAddressIgnoringCase() {
        assertThat(ids(FleetFilter.DEFAULT.withSearch("NAME DB"))).containsExactly("db-1");
        assertThat(ids(FleetFilter.DEFAULT.withSearch("store-1"))).containsExactly("store-1");
        assertThat(ids(FleetFilter.DEFAULT.withSearch("stor"))).containsExactly("store-1");
        assertThat(ids(FleetFilter.DEFAULT.withSearch("10.0.0.7"), Map.of("db-1", List.of("10.0.0.7:9100"))))
                .containsExactly("db-1");
        assertThat(ids(FleetFilter.DEFAULT.withSearch("nothing like it"))).isEmpty();
    }

    @Test
    void theRoleFilterIsExactAndCombinesWithStatus() {
        assertThat(ids(FleetFilter.DEFAULT.withRole("web"))).containsExactly("web-2", "web-1");
        assertThat(ids(FleetFilter.DEFAULT.withRole("web").withStatus(FleetFilter.Status.UP)))
                .containsExactly("web-1");
        assertThat(ids(FleetFilter.DEFAULT.withRole("we"))).isEmpty();
    }

    @Test
    void groupingOrdersByRoleThenProblemsWithinEachGroup() {
        assertThat(ids(FleetFilter.DEFAULT.withGroupByRole(true)))
                .containsExactly("db-1", "gpu-1", "gpu-2", "store-1", "web-2", "web-1");
    }

    @Test
    void theFilterRoundTripsThroughTheUrlAndTheDefaultWritesNothing() {
        FleetFilter filter = new FleetFilter(
                "storage", "storage", FleetFilter.Status.DOWN, FleetFilter.Sort.CPU, true, FleetFilter.Layout.TABLE);
        Map<String, String> query = filter.toQuery();
        assertThat(query)
                .containsExactly(
                        Map.entry("q", "storage"),
                        Map.entry("role", "storage"),
                        Map.entry("status", "down"),
                        Map.entry("sort", "cpu"),
                        Map.entry("group", "role"),
                        Map.entry("view", "table"));
        Map<String, List<String>> parameters = new java.util.LinkedHashMap<>();
        query.forEach((k, v) -> parameters.put(k, List.of(v)));
        assertThat(FleetFilter.fromQuery(parameters)).isEqualTo(filter);
        assertThat(FleetFilter.DEFAULT.toQuery()).isEmpty();
        assertThat(FleetFilter.mentionedIn(Map.of("other", List.of("x")))).isFalse();
        assertThat(FleetFilter.mentionedIn(Map.of("status", List.of("down")))).isTrue();
    }

    @Test
    void unknownUrlValuesAreTheDefaultAndAHugeSearchIsCut() {
        FleetFilter odd = FleetFilter.fromQuery(Map.of(
                "status",
                List.of("exploded"),
                "sort",
                List.of("<script>"),
                "view",
                List.of("3d"),
                "q",
                List.of("x".repeat(10_000))));
        assertThat(odd.status()).isEqualTo(FleetFilter.Status.ANY);
        assertThat(odd.sort()).isEqualTo(FleetFilter.Sort.PROBLEMS);
        assertThat(odd.layout()).isEqualTo(FleetFilter.Layout.CARDS);
        assertThat(odd.search()).hasSize(FleetFilter.MAX_SEARCH);
    }
}
