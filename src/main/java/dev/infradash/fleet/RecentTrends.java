package dev.infradash.fleet;

import dev.infradash.base.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The last 15 minutes of CPU and memory of every server, from the collector's own snapshots: it
 * subscribes to {@link FleetSnapshotPublisher} like a view, so sparklines cost no request to
 * Prometheus, per viewer or per card. Bounded: at most {@link #MAX_POINTS} points per server, and
 * servers that leave the fleet leave the ring.
 *
 * <p>Each snapshot is turned into one immutable map of {@link Trend}s, shared by every open tab:
 * the SVG points are computed once per cycle, not once per card per tab. Subscribed before any
 * view (a bean, created at startup), and the broadcast thread delivers in subscription order, so
 * a view handed snapshot N already finds N's trend here.
 */
@Component
public class RecentTrends implements DisposableBean {

    static final Duration WINDOW = Duration.ofMinutes(15);
    /** 15 minutes at one cycle every 5 s; a faster cycle keeps the most recent points. */
    static final int MAX_POINTS = 180;

    private final Map<String, ArrayDeque<Point>> rings = new HashMap<>();
    private volatile Map<String, Trend> trends = Map.of();
    private final FleetSnapshotPublisher.Subscription subscription;

    public RecentTrends(FleetSnapshotPublisher publisher) {
        this.subscription = publisher.subscribeBeforeViews(this::add);
    }

    /** The trend of one server as of the last snapshot, or {@link Trend#NONE}. */
    public Trend of(String serverId) {
        return trends.getOrDefault(serverId, Trend.NONE);
    }

    /** Called on the broadcast thread, once per snapshot, in order. */
    synchronized void add(FleetSnapshot snapshot) {
        Instant at = snapshot.collectedAt();
        if (at == null) {
            return;
        }
        Set<String> present = new HashSet<>();
        for (ServerSnapshot server : snapshot.servers()) {
            present.add(server.id());
            ArrayDeque<Point> ring = rings.computeIfAbsent(server.id(), id -> new ArrayDeque<>());
            // a stale server's values are old ones: no new point, the line shows the gap's end
            if (!server.stale()
                    && server.health() != Health.DOWN
                    && snapshot.prometheus().reachable()) {
                double cpu = value(server.node().cpuBusyPercent());
                double memory = value(server.node().memoryUsedPercent());
                if (!Double.isNaN(cpu) || !Double.isNaN(memory)) {
                    ring.addLast(new Point(at, (float) cpu, (float) memory));
                }
            }
            Instant oldest = at.minus(WINDOW);
            while (!ring.isEmpty()
                    && (ring.size() > MAX_POINTS || ring.peekFirst().at().isBefore(oldest))) {
                ring.removeFirst();
            }
        }
        rings.keySet().retainAll(present);
        Map<String, Trend> next = new HashMap<>();
        rings.forEach((id, ring) -> next.put(id, Trend.of(ring, at)));
        trends = Map.copyOf(next);
    }

    private static double value(@Nullable Reading reading) {
        return reading == null ? Double.NaN : reading.value();
    }

    @Override
    public void destroy() {
        subscription.close();
    }

    record Point(Instant at, float cpu, float memory) {}

    /**
     * Polyline points in a {@value #WIDTH} x {@value #HEIGHT} box: x is the time within the last
     * 15 minutes, y the percentage (0 at the bottom). Empty when there is nothing to draw.
     */
    public record Trend(String cpuPoints, String memoryPoints, int samples) {

        public static final int WIDTH = 90;
        public static final int HEIGHT = 20;
        public static final Trend NONE = new Trend("", "", 0);

        static Trend of(Iterable<Point> ring, Instant now) {
            StringBuilder cpu = new StringBuilder();
            StringBuilder memory = new StringBuilder();
            int samples = 0;
            double window = WINDOW.toMillis();
            for (Point point : ring) {
                double age = Duration.between(point.at(), now).toMillis();
                long x = Math.round((1 - age / window) * WIDTH);
                append(cpu, x, point.cpu());
                append(memory, x, point.memory());
                samples++;
            }
            return new Trend(cpu.toString(), memory.toString(), samples);
        }

        private static void append(StringBuilder points, long x, float percent) {
            if (Float.isNaN(percent)) {
                return;
            }
            double clamped = Math.max(0, Math.min(100, percent));
            long y = Math.round(HEIGHT - clamped / 100 * HEIGHT);
            if (!points.isEmpty()) {
                points.append(' ');
            }
            points.append(x).append(',').append(y);
        }
    }
}
