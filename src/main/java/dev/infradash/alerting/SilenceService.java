package dev.infradash.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infradash.audit.AuditRecord;
import dev.infradash.audit.AuditTrail;
import dev.infradash.fleet.FleetSnapshotPublisher;
import dev.infradash.prometheus.AlertmanagerClient;
import dev.infradash.prometheus.AlertmanagerException;
import dev.infradash.prometheus.Silence;
import dev.infradash.security.LiveRoles;
import dev.infradash.targets.Actor;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * Creates and expires Alertmanager silences for the alert list, the cards' "Silence" link and the
 * REST API. Admin-only, checked here against the user's role NOW (views and REST check too), and
 * every write audited. Reads come from the collector's snapshot: no Alertmanager request per viewer.
 */
@Service
public class SilenceService implements DisposableBean {

    /** Alertmanager's silence ids are UUIDs; anything else is refused before a request is made. */
    private static final Pattern SILENCE_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final AlertmanagerClient alertmanager;
    private final FleetSnapshotPublisher snapshots;
    private final LiveRoles roles;
    private final AuditTrail audit;
    private final ObjectMapper json;
    private final Clock clock;
    /** Views' writes run here, never on a UI thread (no bean: see ServerHistory). */
    private final ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();

    SilenceService(
            AlertmanagerClient alertmanager,
            FleetSnapshotPublisher snapshots,
            LiveRoles roles,
            AuditTrail audit,
            ObjectMapper json,
            Clock clock) {
        this.alertmanager = alertmanager;
        this.snapshots = snapshots;
        this.roles = roles;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        pool.setCorePoolSize(1);
        pool.setMaxPoolSize(1);
        pool.setThreadNamePrefix("infradash-silences-");
        pool.setDaemon(true);
        pool.initialize();
    }

    /** {@link #create} off the caller's thread, for views; fails as create throws. */
    public CompletableFuture<String> createAsync(SilenceRequest request, Authentication user, Actor actor) {
        return CompletableFuture.supplyAsync(() -> create(request, user, actor), pool);
    }

    /** {@link #expire} off the caller's thread, for views. */
    public CompletableFuture<Void> expireAsync(String id, Authentication user, Actor actor) {
        return CompletableFuture.runAsync(() -> expire(id, user, actor), pool);
    }

    @Override
    public void destroy() {
        pool.shutdown();
    }

    /** The active silences as of the last cycle. */
    public List<Silence> active() {
        return snapshots.current().silences();
    }

    /**
     * Checks the request against the fleet now, creates the silence and returns its id.
     *
     * @throws SilenceRefusedException  a field is wrong; nothing was sent
     * @throws AlertmanagerException    Alertmanager refused or did not answer; nothing was created
     */
    public String create(SilenceRequest request, Authentication user, Actor actor) {
        requireAdmin(user);
        Silence silence = SilencePlanner.plan(request, snapshots.current(), user.getName(), clock.instant());
        String id = alertmanager.createSilence(silence);
        audit.appendAfterTheFact(
                new AuditRecord(
                        clock.instant(),
                        actor.username(),
                        actor.clientAddress(),
                        "silence-create",
                        "silence:" + id,
                        MissingNode.getInstance(),
                        describe(silence, request.duration()),
                        null),
                "silence " + id);
        return id;
    }

    /**
     * Expires the silence now.
     *
     * @throws NoSuchSilenceException Alertmanager knows no such silence
     */
    public void expire(String id, Authentication user, Actor actor) {
        requireAdmin(user);
        expire(id, actor, null);
    }

    /** Expires without a user: the "until resolved" expirer, once what it silenced has resolved. */
    void expireResolved(String id) {
        expire(id, new Actor("infradash", "local"), "what it silenced has resolved");
    }

    private void expire(String id, Actor actor, @Nullable String note) {
        if (!SILENCE_ID.matcher(id).matches()) {
            throw new NoSuchSilenceException(id);
        }
        Silence before = snapshots.current().silences().stream()
                .filter(s -> id.equals(s.id()))
                .findFirst()
                .orElse(null);
        try {
            alertmanager.expireSilence(id);
        } catch (AlertmanagerException e) {
            if (e.getMessage() != null && e.getMessage().contains("not found")) {
                throw new NoSuchSilenceException(id);
            }
            throw e;
        }
        audit.appendAfterTheFact(
                new AuditRecord(
                        clock.instant(),
                        actor.username(),
                        actor.clientAddress(),
                        "silence-expire",
                        "silence:" + id,
                        before == null ? MissingNode.getInstance() : describe(before, null),
                        MissingNode.getInstance(),
                        note),
                "silence " + id);
    }

    private void requireAdmin(Authentication user) {
        if (!roles.isAdmin(user)) {
            throw new AccessDeniedException("Only an admin may silence alerts");
        }
    }

    private JsonNode describe(Silence silence, @Nullable String duration) {
        ObjectNode node = json.createObjectNode();
        ObjectNode matchers = node.putObject("matchers");
        silence.matchers().forEach(m -> matchers.put(m.name(), m.value()));
        if (duration != null) {
            node.put("duration", duration);
        }
        node.put("startsAt", silence.startsAt().toString());
        node.put("endsAt", silence.endsAt().toString());
        node.put("createdBy", silence.createdBy());
        node.put("comment", silence.comment());
        return node;
    }

    /** No silence with this id (or an id Alertmanager could not have made). */
    public static class NoSuchSilenceException extends RuntimeException {
        public NoSuchSilenceException(String id) {
            super("No silence with id " + (id.length() > 64 ? id.substring(0, 64) + "…" : id));
        }
    }
}
