package dev.infradash.fleet;

import dev.infradash.prometheus.PrometheusProperties;
import dev.infradash.targets.TargetRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;

/**
 * Holds the current {@link FleetSnapshot} and hands each new one to every subscriber. Knows
 * nothing of Vaadin: a view subscribes on attach, unsubscribes on detach, and does its own
 * {@code UI.access}. Delivery runs on one broadcast thread, so a slow subscriber delays other
 * subscribers but never the collector's schedule, and snapshots arrive in the order published.
 * That thread is a one-thread Spring executor of its own, not a bean: an Executor bean would make
 * Boot drop its applicationTaskExecutor, which Vaadin looks up.
 */
@Service
public class FleetSnapshotPublisher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FleetSnapshotPublisher.class);

    private final List<Consumer<FleetSnapshot>> subscribers = new CopyOnWriteArrayList<>();
    private final ThreadPoolTaskExecutor broadcaster = new ThreadPoolTaskExecutor();
    private volatile FleetSnapshot current;

    private final Timer broadcastTimer;

    public FleetSnapshotPublisher(PrometheusProperties prometheus, TargetRegistry targets, MeterRegistry meters) {
        broadcaster.setCorePoolSize(1);
        broadcaster.setMaxPoolSize(1);
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
                .description("Handing one snapshot to every subscribed view")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    public FleetSnapshot current() {
        return current;
    }

    /** Registers a subscriber; close the returned subscription on detach. */
    public Subscription subscribe(Consumer<FleetSnapshot> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    void publish(FleetSnapshot snapshot) {
        current = snapshot;
        broadcaster.execute(() -> broadcastTimer.record(() -> {
            for (Consumer<FleetSnapshot> subscriber : subscribers) {
                try {
                    subscriber.accept(snapshot);
                } catch (RuntimeException e) {
                    log.warn("A snapshot subscriber failed; the others still get it", e);
                }
            }
        }));
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
