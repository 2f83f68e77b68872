package dev.infradash.alerting;

import dev.infradash.prometheus.AlertmanagerClient;
import dev.infradash.prometheus.AlertmanagerException;
import dev.infradash.prometheus.NotificationCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Each channel's last delivery outcome, so a broken channel shows an error instead of silence.
 * Relayed channels (ntfy, Gotify) are exact: Infradash delivers them itself. Native channels
 * come from Alertmanager's counters, which 0.25 keeps per integration (email, webhook, ...), not
 * per receiver, so a failure is pinned on a channel only when it is the only one of its kind or
 * when a Send test of that channel is the one pending; otherwise every channel of the kind shows
 * "one of the N ... channels". Relayed channels reach Alertmanager as webhooks and count as such.
 */
class DeliveryStatus {

    /**
     * @param state   {@code ok}, {@code failed} or {@code unknown} (nothing sent yet)
     * @param message for a person, e.g. "Alertmanager could not deliver 2 email notifications"
     * @param exact   false when the failure may be another channel's of the same kind
     */
    public record Delivery(
            String state, String message, @Nullable Instant at, boolean exact) {
        static final Delivery NONE = new Delivery("unknown", "Nothing sent yet", null, true);
    }

    private record PendingTest(String channelId, Instant at) {}

    private static final Duration TEST_WINDOW = Duration.ofSeconds(60);

    private final AlertmanagerClient alertmanager;
    private final Clock clock;
    private final Map<String, Delivery> byChannel = new ConcurrentHashMap<>();
    private final Map<String, PendingTest> pendingTests = new ConcurrentHashMap<>();
    private NotificationCounts seen = new NotificationCounts(Map.of(), Map.of());

    DeliveryStatus(AlertmanagerClient alertmanager, Clock clock) {
        this.alertmanager = alertmanager;
        this.clock = clock;
    }

    /** The relay's exact outcome for a channel; {@code error} null means delivered. */
    void relayed(String channelId, @Nullable String error) {
        byChannel.put(
                channelId,
                error == null
                        ? new Delivery("ok", "Delivered", clock.instant(), true)
                        : new Delivery("failed", error, clock.instant(), true));
    }

    /** A test of this channel is about to be sent: the next change of its kind's counters is its. */
    void testSent(Channel channel) {
        pendingTests.put(integration(channel.type()), new PendingTest(channel.id(), clock.instant()));
    }

    void forget(String channelId) {
        byChannel.remove(channelId);
    }

    /** Reads Alertmanager's counters and attributes what changed since the last read. */
    synchronized Map<String, Delivery> refresh(List<Channel> channels) {
        NotificationCounts now;
        try {
            now = alertmanager.notificationCounts();
        } catch (AlertmanagerException e) {
            return Map.copyOf(byChannel); // no news; the page says so through the config status
        }
        Map<String, List<Channel>> byIntegration = new HashMap<>();
        for (Channel c : channels) {
            byIntegration
                    .computeIfAbsent(integration(c.type()), k -> new java.util.ArrayList<>())
                    .add(c);
        }
        Instant at = clock.instant();
        byIntegration.forEach((integration, kind) -> {
            long failed = now.failed(integration) - seen.failed(integration);
            long attempted = now.attempted(integration) - seen.attempted(integration);
            if (failed < 0 || attempted < 0) { // Alertmanager restarted: its counters began again
                failed = now.failed(integration);
                attempted = now.attempted(integration);
            }
            PendingTest test = pendingTests.get(integration);
            if (test != null && test.at().plus(TEST_WINDOW).isBefore(at)) {
                pendingTests.remove(integration);
                test = null;
            }
            String exactId = kind.size() == 1 ? kind.get(0).id() : test == null ? null : test.channelId();
            if (failed > 0) {
                String what = "Alertmanager could not deliver " + failed + " " + integration + " notification"
                        + (failed == 1 ? "" : "s") + " (see Alertmanager's log for the reason)";
                if (exactId != null) {
                    byChannel.put(exactId, new Delivery("failed", what, at, true));
                } else {
                    for (Channel c : kind) {
                        byChannel.put(
                                c.id(),
                                new Delivery(
                                        "failed",
                                        what + "; it may be any one of the " + kind.size() + " " + integration
                                                + " channels",
                                        at,
                                        false));
                    }
                }
            } else if (attempted > 0 && exactId != null) {
                Channel channel = kind.stream()
                        .filter(c -> c.id().equals(exactId))
                        .findFirst()
                        .orElseThrow();
                if (!channel.type().relayed()) { // a relayed channel's own outcome is the relay's
                    byChannel.put(exactId, new Delivery("ok", "Delivered", at, true));
                }
            }
            if (test != null && attempted > 0) pendingTests.remove(integration);
        });
        seen = now;
        return Map.copyOf(byChannel);
    }

    /** Alertmanager's integration that carries the channel; relayed ones are webhooks to Infradash. */
    static String integration(ChannelType type) {
        return type.relayed() ? "webhook" : type.integration();
    }
}
