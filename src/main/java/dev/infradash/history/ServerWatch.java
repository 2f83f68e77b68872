package dev.infradash.history;

import dev.infradash.fleet.FleetSnapshotPublisher;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Service;

/**
 * Which servers are open in a detail view somewhere. The collector adds their chart queries to
 * its one cycle request, so live charts cost no request of their own, however many are open.
 */
@Service
public class ServerWatch {

    private final ConcurrentHashMap<String, Integer> watchers = new ConcurrentHashMap<>();

    /** Registers one viewer of the server; close it when the view detaches. */
    public FleetSnapshotPublisher.Subscription watch(String serverId) {
        watchers.merge(serverId, 1, Integer::sum);
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                watchers.computeIfPresent(serverId, (id, count) -> count == 1 ? null : count - 1);
            }
        };
    }

    public Set<String> watched() {
        return Set.copyOf(watchers.keySet());
    }
}
