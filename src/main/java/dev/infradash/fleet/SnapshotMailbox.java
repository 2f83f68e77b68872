package dev.infradash.fleet;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's slot for the newest snapshot. A subscriber that has not yet taken the previous
 * snapshot (its tab is slow, its session lock held) gets only the newest when it is free again:
 * one slot, never a queue, so a slow tab costs memory for one snapshot at most and never delays
 * the others. At most one delivery per subscriber runs at a time, so a subscriber sees snapshots
 * in the order they were published, possibly skipping some.
 */
final class SnapshotMailbox {

    private static final Logger log = LoggerFactory.getLogger(SnapshotMailbox.class);

    /** What the publisher learns of each hand-over: for the broadcast timer. */
    interface Receipt {
        /** The snapshot's round is done for this subscriber: delivered, failed or superseded. */
        void done();
    }

    private record Pending(FleetSnapshot snapshot, Receipt receipt) {}

    private final Consumer<FleetSnapshot> subscriber;
    private final Executor executor;
    private final AtomicReference<@Nullable Pending> slot = new AtomicReference<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    SnapshotMailbox(Consumer<FleetSnapshot> subscriber, Executor executor) {
        this.subscriber = subscriber;
        this.executor = executor;
    }

    Consumer<FleetSnapshot> subscriber() {
        return subscriber;
    }

    /** Puts the snapshot in the slot (superseding one not yet taken) and makes sure a delivery runs. */
    void offer(FleetSnapshot snapshot, Receipt receipt) {
        Pending superseded = slot.getAndSet(new Pending(snapshot, receipt));
        if (superseded != null) {
            superseded.receipt().done();
        }
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Pending next = slot.getAndSet(null);
            if (next == null) {
                draining.set(false);
                // an offer between the empty read and the reset saw draining=true and left it to us
                if (slot.get() == null || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            try {
                subscriber.accept(next.snapshot());
            } catch (RuntimeException e) {
                log.warn("A snapshot subscriber failed; the others still get it", e);
            } finally {
                next.receipt().done();
            }
        }
    }
}
