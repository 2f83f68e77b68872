package dev.infradash.fleet;

import dev.infradash.targets.Exporter;
import dev.infradash.targets.MonitoredServer;
import dev.infradash.targets.TargetRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * The overview's find and compare, without Vaadin: {@link FleetSelection} over a snapshot, plus
 * the exporter addresses the search matches (they are in the targets file, not the snapshot). The
 * addresses are refreshed once per snapshot on the broadcast thread, so a view never touches
 * the file.
 */
@Service
public class FleetSearch implements DisposableBean {

    private final TargetRegistry targets;
    private final FleetSnapshotPublisher.Subscription subscription;
    private volatile Map<String, List<String>> addresses = Map.of();

    public FleetSearch(TargetRegistry targets, FleetSnapshotPublisher publisher) {
        this.targets = targets;
        this.subscription = publisher.subscribeBeforeViews(snapshot -> refresh());
        refresh();
    }

    /** The servers of {@code snapshot} that {@code filter} lets through, in its order. */
    public List<ServerSnapshot> select(FleetSnapshot snapshot, FleetFilter filter) {
        return FleetSelection.apply(snapshot.servers(), filter, addresses);
    }

    private void refresh() {
        Map<String, List<String>> next = new HashMap<>();
        for (MonitoredServer server : targets.current().targets().servers()) {
            next.put(
                    server.id(),
                    server.exporters().stream().map(Exporter::address).toList());
        }
        addresses = Map.copyOf(next);
    }

    @Override
    public void destroy() {
        subscription.close();
    }
}
