package dev.infradash.alerting;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.infradash.base.AtomicFile;
import dev.infradash.prometheus.AlertmanagerClient;
import dev.infradash.prometheus.NewAlert;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * The notification channels: validated, stored, turned into Alertmanager's configuration and
 * tested. A change is saved only after Alertmanager accepted the configuration it leads to, so a
 * refused change leaves both the channels file and Alertmanager as they were. Every change is
 * audited without its secrets. Knows nothing of Vaadin; the REST controller and the view use it.
 */
public class ChannelService implements ChannelDirectory {

    private static final Logger log = LoggerFactory.getLogger(ChannelService.class);
    static final int MAX_CHANNELS = 100;
    private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final ChannelStore store;
    private final ChannelValidator validator = new ChannelValidator();
    private final AlertmanagerConfigRenderer renderer;
    private final AlertmanagerConfigWriter writer;
    private final AlertmanagerClient alertmanager;
    private final ObjectProvider<RuleRoutes> rules;
    private final DeliveryStatus delivery;
    private final ChannelAudit audit;
    private final URI relayBase;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ChannelService(
            ChannelStore store,
            AlertmanagerConfigWriter writer,
            AlertmanagerClient alertmanager,
            ObjectProvider<RuleRoutes> rules,
            DeliveryStatus delivery,
            ChannelAudit audit,
            URI relayBase,
            GroupTimings timings,
            Clock clock) {
        this.store = store;
        this.renderer = new AlertmanagerConfigRenderer(timings);
        this.writer = writer;
        this.alertmanager = alertmanager;
        this.rules = rules;
        this.delivery = delivery;
        this.audit = audit;
        this.relayBase = relayBase;
        this.clock = clock;
    }

    /**
     * A channel as anyone may see it: secrets masked, with its last delivery status.
     *
     * @param version the channel's {@link ChannelVersion} when this was read: an edit or delete sends it
     *     back (the REST API's ETag/If-Match; the edit dialog keeps it), so a stale form cannot
     *     undo a change made meanwhile; not in the JSON body (the REST API has it as ETag)
     */
    public record ChannelInfo(
            String id,
            String name,
            String type,
            Map<String, String> settings,
            DeliveryStatus.Delivery delivery,
            @JsonIgnore String version) {}

    /** A channel as typed, for create and update; a blank secret keeps the stored one. */
    public record ChannelRequest(String name, String type, Map<String, String> fields) {}

    @Override
    public List<ChannelSummary> channels() {
        return store.all().stream()
                .map(c -> new ChannelSummary(c.id(), c.name(), c.type().id()))
                .toList();
    }

    public List<ChannelInfo> list() {
        List<Channel> channels = store.all();
        Map<String, DeliveryStatus.Delivery> status = delivery.refresh(channels);
        return channels.stream().map(c -> info(c, status)).toList();
    }

    public Optional<ChannelInfo> find(String id) {
        return list().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The result of the last configuration write, e.g. "Alertmanager did not answer". */
    public Optional<String> configStatus() {
        AlertmanagerConfigWriter.Status status = writer.status();
        return status == null ? Optional.empty() : Optional.of(status.message());
    }

    /** @return the new channel's id */
    public synchronized String create(ChannelRequest request) {
        ChannelValidator.Checked checked = validator.check(input(request), null);
        try (AtomicFile.UpdateLock ignored = store.lock()) {
            return createLocked(checked);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String createLocked(ChannelValidator.Checked checked) {
        List<Channel> current = store.all();
        if (current.size() >= MAX_CHANNELS) {
            throw new InvalidChannelException(
                    List.of(new ChannelFieldError("name", "At most " + MAX_CHANNELS + " channels")));
        }
        unique(checked.name(), null, current);
        Channel channel = new Channel(newId(), checked.name(), checked.type(), checked.fields(), secret());
        List<Channel> next = new ArrayList<>(current);
        next.add(channel);
        applyAndSave(next);
        audit.record("channel-add", channel, null, channel);
        return channel.id();
    }

    /**
     * @param expectedVersion the {@link ChannelInfo#version} the caller read, checked under the
     *     channels lock against the channel as stored now (by any instance)
     * @throws ChannelChangedException when the channel is no longer at that version
     */
    public synchronized void update(String id, ChannelRequest request, String expectedVersion) {
        try (AtomicFile.UpdateLock ignored = store.lock()) {
            updateLocked(id, request, expectedVersion);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void updateLocked(String id, ChannelRequest request, String expectedVersion) {
        Channel stored = store.find(id).orElseThrow(() -> new NoSuchChannelException(id));
        checkVersion(stored, expectedVersion);
        ChannelValidator.Checked checked = validator.check(input(request), stored);
        unique(checked.name(), id, store.all());
        Channel changed = new Channel(id, checked.name(), checked.type(), checked.fields(), stored.relaySecret());
        List<Channel> next =
                store.all().stream().map(c -> c.id().equals(id) ? changed : c).toList();
        applyAndSave(next);
        audit.record("channel-update", changed, stored, changed);
    }

    /** As {@link #update}: refused when the channel changed since {@code expectedVersion}. */
    public synchronized void delete(String id, String expectedVersion) {
        try (AtomicFile.UpdateLock ignored = store.lock()) {
            deleteLocked(id, expectedVersion);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteLocked(String id, String expectedVersion) {
        Channel stored = store.find(id).orElseThrow(() -> new NoSuchChannelException(id));
        checkVersion(stored, expectedVersion);
        List<Channel> next =
                store.all().stream().filter(c -> !c.id().equals(id)).toList();
        applyAndSave(next);
        delivery.forget(id);
        audit.record("channel-delete", stored, stored, null);
    }

    /**
     * Posts a test alert that only this channel's route matches (label {@code infradash_channel});
     * Alertmanager sends it at once (group_wait 0) and resolves it after two minutes.
     *
     * @param server the server to name in the test, or null
     */
    public void sendTest(String id, @Nullable String server) {
        Channel channel = store.find(id).orElseThrow(() -> new NoSuchChannelException(id));
        String testId = Long.toString(clock.millis(), 36);
        var labels = new java.util.LinkedHashMap<String, String>();
        labels.put("alertname", "InfradashTest");
        labels.put(AlertmanagerConfigRenderer.CHANNEL_LABEL, channel.id());
        labels.put("severity", "info");
        labels.put("test_id", testId);
        if (server != null && !server.isBlank()) labels.put("server", server.strip());
        delivery.testSent(channel);
        alertmanager.postAlerts(List.of(new NewAlert(
                labels,
                Map.of(
                        "summary",
                        "Test notification from Infradash for channel " + channel.name(),
                        "description",
                        "If you read this, the channel works. Nothing is wrong."),
                clock.instant(),
                clock.instant().plus(Duration.ofMinutes(2)))));
        audit.record("channel-test", channel, null, null);
    }

    /** Rules changed (their routes live in Alertmanager's file): render and reload again. */
    @EventListener
    public void onAlertingChanged(AlertingChanged event) {
        if (store.all().isEmpty() && !java.nio.file.Files.exists(writer.file())) {
            return; // nothing to route, and no file of ours to bring up to date
        }
        // under the channels lock, from the files as they are: two instances writing
        // Alertmanager's file take turns, and the last one writes what both stored
        try (AtomicFile.UpdateLock ignored = store.lock()) {
            apply(store.all());
        } catch (IOException | RuntimeException e) {
            log.error("Could not apply Alertmanager's configuration after '{}': {}", event.reason(), e.getMessage());
        }
    }

    /** At start: Alertmanager's file must match the stored channels (e.g. after an upgrade). */
    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
        onAlertingChanged(new AlertingChanged("Infradash started"));
    }

    Channel stored(String id) {
        return store.find(id).orElseThrow(() -> new NoSuchChannelException(id));
    }

    private void applyAndSave(List<Channel> next) {
        apply(next);
        try {
            store.save(next);
        } catch (RuntimeException e) {
            apply(store.all()); // the file was not written: Alertmanager goes back to the stored channels
            throw e;
        }
    }

    private void apply(List<Channel> channels) {
        RuleRoutes routes = rules.getIfAvailable();
        List<RuleRoutes.RuleRoute> ruleRoutes = routes == null ? List.of() : routes.routes();
        writer.apply(renderer.render(channels, ruleRoutes, relayBase), channels);
    }

    private static void checkVersion(Channel stored, String expectedVersion) {
        if (!ChannelVersion.of(stored).equals(expectedVersion)) {
            throw new ChannelChangedException(stored.id());
        }
    }

    private ChannelInfo info(Channel channel, Map<String, DeliveryStatus.Delivery> status) {
        return new ChannelInfo(
                channel.id(),
                channel.name(),
                channel.type().id(),
                channel.masked(),
                status.getOrDefault(channel.id(), DeliveryStatus.Delivery.NONE),
                ChannelVersion.of(channel));
    }

    private static ChannelValidator.Input input(ChannelRequest request) {
        return new ChannelValidator.Input(request.name(), request.type(), request.fields());
    }

    private static void unique(String name, @Nullable String id, List<Channel> channels) {
        if (channels.stream().anyMatch(c -> c.name().equalsIgnoreCase(name) && !c.id().equals(id))) {
            throw new InvalidChannelException(
                    List.of(new ChannelFieldError("name", "Another channel already has this name")));
        }
    }

    private String newId() {
        char[] id = new char[12];
        for (int i = 0; i < id.length; i++) id[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
        return new String(id);
    }

    private String secret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
