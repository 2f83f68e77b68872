package dev.infradash.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.prometheus.PrometheusProperties;
import dev.infradash.targets.TargetRegistry;
import dev.infradash.targets.TargetsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16: one slow tab delays no other, and gets the newest snapshot, never a queue. */
class FleetSnapshotPublisherTest {

    @TempDir
    Path dir;

    private FleetSnapshotPublisher publisher;
    private SimpleMeterRegistry meters;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void setUp() {
        meters = new SimpleMeterRegistry();
        publisher = new FleetSnapshotPublisher(
                PrometheusProperties.of(URI.create("http://127.0.0.1:9")),
                new TargetRegistry(new TargetsProperties(dir.resolve("targets.json")), new ObjectMapper()),
                meters);
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        publisher.destroy();
    }

    private static FleetSnapshot snapshot(long sequence) {
        return TestSnapshots.fleet().sequence(sequence).build();
    }

    /** A subscriber that blocks on its first snapshot until {@link #release}, as a locked session would. */
    private List<Long> subscribeBlocked(CountDownLatch entered) {
        List<Long> seen = new CopyOnWriteArrayList<>();
        publisher.subscribe(snapshot -> {
            seen.add(snapshot.sequence());
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return seen;
    }

    private List<Long> subscribeRecording() {
        List<Long> seen = new CopyOnWriteArrayList<>();
        publisher.subscribe(snapshot -> seen.add(snapshot.sequence()));
        return seen;
    }

    @Test
    void aBlockedTabDelaysNoOtherTab() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        subscribeBlocked(entered);
        List<Long> fast = subscribeRecording();

        publisher.publish(snapshot(1));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        publisher.publish(snapshot(2));
        publisher.publish(snapshot(3));

        // with one broadcast thread (the old publisher) the fast tab waited behind the blocked one
        await().atMost(Duration.ofSeconds(10)).until(() -> fast.contains(3L));
        // the fast tab may skip 1 or 2 (newest only), but it is never behind the blocked tab
        assertThat(fast).isSorted().doesNotHaveDuplicates().endsWith(3L);
        assertThat(release.getCount()).as("the slow tab is still blocked").isEqualTo(1);
    }

    @Test
    void aTabThatHasNotTakenThePreviousSnapshotGetsOnlyTheNewest() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        List<Long> slow = subscribeBlocked(entered);

        publisher.publish(snapshot(1));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        for (long sequence = 2; sequence <= 50; sequence++) {
            publisher.publish(snapshot(sequence));
        }
        release.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> slow.contains(50L));
        assertThat(slow).containsExactly(1L, 50L);
    }

    @Test
    void everyTabSeesSnapshotsInPublishedOrder() {
        List<List<Long>> tabs = List.of(subscribeRecording(), subscribeRecording(), subscribeRecording());
        for (long sequence = 1; sequence <= 200; sequence++) {
            publisher.publish(snapshot(sequence));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> tabs.stream().allMatch(tab -> tab.contains(200L)));
        for (List<Long> tab : tabs) {
            assertThat(tab).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void aFailingTabDoesNotStopTheOthersAndTheRoundIsTimedOnceAllHaveTakenIt() {
        publisher.subscribe(snapshot -> {
            throw new IllegalStateException("detached");
        });
        List<Long> fine = subscribeRecording();

        publisher.publish(snapshot(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> fine.contains(1L));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> meters.timer("infradash.broadcast").count() == 1);
    }

    @Test
    void anUnsubscribedTabGetsNothingMore() {
        List<Long> seen = new CopyOnWriteArrayList<>();
        FleetSnapshotPublisher.Subscription subscription = publisher.subscribe(s -> seen.add(s.sequence()));
        List<Long> other = subscribeRecording();
        publisher.publish(snapshot(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(1L) && other.contains(1L));

        subscription.close();
        publisher.publish(snapshot(2));

        await().atMost(Duration.ofSeconds(10)).until(() -> other.contains(2L));
        assertThat(seen).containsExactly(1L);
        assertThat(publisher.subscriberCount()).isEqualTo(1);
    }
}
