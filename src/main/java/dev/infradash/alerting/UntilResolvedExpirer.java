package dev.infradash.alerting;

import dev.infradash.fleet.FleetSnapshot;
import dev.infradash.fleet.FleetSnapshotPublisher;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Ends "until resolved" silences once what they cover has resolved ({@link UntilResolved}).
 * Subscribed to the snapshots, so it costs no request of its own but the expiry; the expiry runs
 * on a thread of its own (no bean: see ServerHistory), never on the thread that hands snapshots
 * to the views.
 */
@Component
class UntilResolvedExpirer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UntilResolvedExpirer.class);

    private final FleetSnapshotPublisher snapshots;
    private final SilenceService silences;
    /** Ids expired (or tried) already: the next snapshots may still list them for a cycle. */
    private final Set<String> handled = new HashSet<>();

    private ExecutorService worker = Executors.newSingleThreadExecutor();
    private FleetSnapshotPublisher.Subscription subscription = () -> {};
    private boolean running;

    UntilResolvedExpirer(FleetSnapshotPublisher snapshots, SilenceService silences) {
        this.snapshots = snapshots;
        this.silences = silences;
    }

    /** Expires what the snapshot shows resolved; returns the ids it expired. On the worker thread. */
    List<String> check(FleetSnapshot snapshot) {
        Set<String> listed = new HashSet<>();
        snapshot.silences().forEach(silence -> listed.add(String.valueOf(silence.id())));
        handled.retainAll(listed); // gone from Alertmanager's active list: no need to remember it
        List<String> due = UntilResolved.dueForExpiry(snapshot).stream()
                .filter(id -> !handled.contains(id))
                .toList();
        for (String id : due) {
            handled.add(id);
            try {
                silences.expireResolved(id);
                log.info("Expired the until-resolved silence {}: what it silenced has resolved", id);
            } catch (RuntimeException e) {
                handled.remove(id); // try again with the next snapshot
                log.warn("Could not expire the until-resolved silence {}: {}", id, e.getMessage());
            }
        }
        return due;
    }

    @Override
    public synchronized void start() {
        if (running) return;
        if (worker.isShutdown()) worker = Executors.newSingleThreadExecutor();
        ExecutorService on = worker;
        subscription = snapshots.subscribe(snapshot -> {
            try {
                on.execute(() -> check(snapshot));
            } catch (RejectedExecutionException stopping) {
                // shutting down
            }
        });
        running = true;
    }

    @Override
    public synchronized void stop() {
        subscription.close();
        worker.shutdownNow();
        running = false;
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }
}
