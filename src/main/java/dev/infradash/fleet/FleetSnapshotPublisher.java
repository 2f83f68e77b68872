package dev.infradash.fleet;

import dev.infradash.prometheus.PrometheusProperties;
import dev.infradash.targets.TargetRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;

/**
 * Holds the current {@link FleetSnapshot} and hands each new one to every subscriber. Knows
 * nothing of Vaadin: a view subscribes on attach, unsubscribes on detach, and does its own
 * {@code UI.access}. Each subscriber has a {@link SnapshotMailbox}: deliveries run in parallel on a
 * small pool, so one slow tab (its session locked by a long request) delays neither the other
 * tabs nor the collector, and a tab that has not taken the previous snapshot gets only the newest
 * one, never a queue. Each subscriber sees snapshots in the order published (possibly skipping).
 * The pool is a Spring executor of its own, not a bean: an Executor bean would make Boot drop its
 * applicationTaskExecutor, which Vaadin looks up.
 */
@Service
public class FleetSnapshotPublisher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FleetSnapshotPublisher.class);

    /**
     * Deliveries in parallel: a UI.access that waits for a session lock blocks its thread without
     * using a core, so twice the cores keeps the cores busy while some tabs wait.
     */
    private static final int BROADCAST_THREADS =
            Math.max(2, 2 * Runtime.getRuntime().availableProcessors());

    private final List<SnapshotMailbox> subscribers = new CopyOnWriteArrayList<>();
    private final List<Consumer<FleetSnapshot>> bookkeepers = new CopyOnWriteArrayList<>();
    private final ThreadPoolTaskExecutor broadcaster = new ThreadPoolTaskExecutor();
    private volatile FleetSnapshot current;

    private final Timer broadcastTimer;

    public FleetSnapshotPublisher(PrometheusProperties prometheus, TargetRegistry targets, MeterRegistry meters) {
        broadcaster.setCorePoolSize(BROADCAST_THREADS);
        broadcaster.setMaxPoolSize(BROADCAST_THREADS);
        broadcaster.setThreadNamePrefix("infradash-broadcast-");
        broadcaster.setDaemon(true);
        // on shutdown the snapshots already handed over are still delivered, for at most 5 s
        broadcaster.setWaitForTasksToCompleteOnShutdown(true);
        broadcaster.setAwaitTerminationSeconds(5);
        broadcaster.initialize();
        this.current = FleetSnapshot.initial(
                prometheus.url().toString(), targets.file().toString());
        Gauge.builder("infradash.ui.attached", subscribers, List::size)
                .description("Views subscribed to the fleet snapshot (open overview and detail views)")
                .register(meters);
        this.broadcastTimer = Timer.builder("infradash.broadcast")
                .description("From publishing one snapshot until every subscribed view has taken it (or a newer one)")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    public FleetSnapshot current() {
        return current;
    }

    /** Registers a subscriber; close the returned subscription on detach. */
    public Subscription subscribe(Consumer<FleetSnapshot> subscriber) {
        SnapshotMailbox mailbox = new SnapshotMailbox(subscriber, broadcaster);
        subscribers.add(mailbox);
        return () -> subscribers.remove(mailbox);
    }

    /**
     * Registers in-memory bookkeeping that views read (the sparkline ring, the search index): it
     * runs on the collector's thread, in {@link #publish}, before any view is handed the snapshot,
     * so a view never draws a snapshot its bookkeeping has not seen. It must be quick and do no I/O.
     */
    public Subscription subscribeBeforeViews(Consumer<FleetSnapshot> bookkeeper) {
        bookkeepers.add(bookkeeper);
        return () -> bookkeepers.remove(bookkeeper);
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    void publish(FleetSnapshot snapshot) {
        for (Consumer<FleetSnapshot> bookkeeper : bookkeepers) {
            try {
                bookkeeper.accept(snapshot);
            } catch (RuntimeException e) {
                log.warn("Snapshot bookkeeping failed; the views still get the snapshot", e);
            }
        }
        current = snapshot;
        List<SnapshotMailbox> round = List.copyOf(subscribers);
        if (round.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        AtomicInteger remaining = new AtomicInteger(round.size());
        SnapshotMailbox.Receipt receipt = () -> {
            if (remaining.decrementAndGet() == 0) {
                broadcastTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        };
        for (SnapshotMailbox mailbox : round) {
            mailbox.offer(snapshot, receipt);
        }
    }

    @Override
    public void destroy() {
        broadcaster.shutdown();
    }

    /** Ends one subscription; idempotent. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
