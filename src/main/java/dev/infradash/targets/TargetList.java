package dev.infradash.targets;

import java.util.List;
import java.util.Optional;

/** The servers the targets file declares, in file order. Immutable. */
public record TargetList(List<MonitoredServer> servers) {

    public static final TargetList EMPTY = new TargetList(List.of());

    public TargetList {
        servers = List.copyOf(servers);
    }

    public Optional<MonitoredServer> server(String id) {
        return servers.stream().filter(server -> server.id().equals(id)).findFirst();
    }
}
