package dev.infradash.fleet;

/**
 * Lets tests outside this package publish hand-made snapshots: {@link FleetSnapshotPublisher#publish}
 * is package-private because in the application only the collector publishes.
 */
public final class TestSnapshots {

    private TestSnapshots() {
    }

    /** Publishes as the collector does: becomes {@code current()} and is delivered on the broadcast thread. */
    public static void publish(FleetSnapshotPublisher publisher, FleetSnapshot snapshot) {
        publisher.publish(snapshot);
    }
}
