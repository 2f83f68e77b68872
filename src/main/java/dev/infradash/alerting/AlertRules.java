package dev.infradash.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.audit.AuditTrail;
import dev.infradash.base.AtomicFile;
import dev.infradash.base.FileOperations;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.targets.DataProperties;
import dev.infradash.targets.MonitoredServer;
import dev.infradash.targets.TargetRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The alert rules: the one writer of {@code alert-rules.json} and of Infradash's Prometheus rule
 * file. A change is validated ({@link RuleValidator}, then Prometheus parses the expression),
 * the rule file is installed (Prometheus reloads it or the last good file comes back), and only
 * then stored, audited and announced ({@link AlertingChanged}, so Alertmanager's routes follow).
 * Refused changes leave both files as they were.
 */
@Component
public class AlertRules implements RuleRoutes {

    private static final Logger log = LoggerFactory.getLogger(AlertRules.class);

    private final RuleStore store;
    private final ManagedRuleFile ruleFile;
    private final RuleFileRenderer renderer;
    private final TargetRegistry targets;
    private final ObjectProvider<ChannelDirectory> channels;
    private final RuleAudit audit;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private volatile List<AlertRule> lastRead;

    public AlertRules(
            DataProperties data,
            AlertingProperties properties,
            ObjectMapper json,
            PrometheusClient prometheus,
            RuleFileRenderer renderer,
            TargetRegistry targets,
            ObjectProvider<ChannelDirectory> channels,
            AuditTrail trail,
            Clock clock,
            ApplicationEventPublisher events) {
        this.store = new RuleStore(data.dir(), json, FileOperations.SYSTEM);
        this.ruleFile = new ManagedRuleFile(properties.ruleFile(), prometheus, FileOperations.SYSTEM);
        this.renderer = renderer;
        this.targets = targets;
        this.channels = channels;
        this.audit = new RuleAudit(trail, json, clock);
        this.events = events;
        this.json = json;
        try (AtomicFile.UpdateLock ignored = store.lock()) {
            this.lastRead = store.load();
            if (!store.exists()) {
                store.save(lastRead); // the defaults become the admin's rules, editable from now on
            }
        } catch (IOException e) {
            // refusing to start beats overwriting an admin's rules with the defaults
            throw new IllegalStateException("Cannot read the alert rules " + store.path() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Brings the rule file in line with the stored rules at start. Prometheus may not be up yet
     * (run-local.sh starts it beside the app): then it loads the file when it starts. A second
     * instance on the same data directory renders the same file from the same rules (the
     * rendering is deterministic), so both may write it; they take turns under the rules lock.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void installAtStart() {
        try (AtomicFile.UpdateLock ignored = store.lock()) {
            ruleFile.install(renderer.render(list()), true);
            events.publishEvent(new AlertingChanged("alert rules loaded"));
        } catch (RuleFileRefusedException | IOException e) {
            log.warn("Alert rule file {} not (re)loaded at start: {}", ruleFile.path(), e.getMessage());
        }
    }

    /** The rules as stored now, by whichever instance saved them last. */
    public List<AlertRule> list() {
        try {
            lastRead = store.load();
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot read the alert rules {}, showing the last ones read: {}", store.path(), e.getMessage());
        }
        return lastRead;
    }

    public Optional<AlertRule> find(String id) {
        return list().stream().filter(rule -> rule.id().equals(id)).findFirst();
    }

    /** The expression Prometheus evaluates for the rule, for the advanced view of a rule. */
    public String expression(AlertRule rule) {
        return renderer.expression(rule);
    }

    /** Takes no lock of this class: a channel change (holding the channels lock) asks for the routes. */
    @Override
    public List<RuleRoute> routes() {
        return list().stream()
                .map(rule -> new RuleRoute(rule.id(), rule.channels()))
                .toList();
    }

    /** Adds the rule in {@code body}; returns it with its new id. */
    public synchronized AlertRule create(JsonNode body) {
        String name = body.path("name").asText("");
        List<AlertRule> created = new ArrayList<>(1);
        change(list -> {
            String id = RuleIds.newId(name, list.stream().map(AlertRule::id).toList());
            AlertRule rule = RuleValidator.read(body, id, known(null, list));
            created.add(rule);
            list.add(rule);
            return list;
        });
        AlertRule rule = created.get(0);
        audit.record("alert-rule-create", rule.id(), null, rule);
        return rule;
    }

    /**
     * The rule's version for optimistic concurrency (the REST API's ETag): a hash of the rule as
     * stored, so every change of any field gives another one.
     */
    public String version(AlertRule rule) {
        try {
            byte[] stored = RuleJson.write(rule, json).toString().getBytes(StandardCharsets.UTF_8);
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(stored);
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /**
     * @param expectedVersion the {@link #version} the caller last read (the REST client's If-Match,
     *                        the version the rules view's dialog opened with), checked under the
     *                        same lock as the write against the rules as stored now, by any
     *                        instance; null: no check (tests only)
     * @throws RuleChangedException when the rule is no longer at that version
     */
    public synchronized AlertRule update(String id, JsonNode body, @Nullable String expectedVersion) {
        Edited edited = replace(id, (before, list) -> {
            checkVersion(before, expectedVersion);
            return RuleValidator.read(body, id, known(id, list));
        });
        audit.record("alert-rule-update", id, edited.before(), edited.after());
        return edited.after();
    }

    public synchronized AlertRule setEnabled(String id, boolean enabled) {
        Edited edited = replace(id, (before, list) -> before.withEnabled(enabled));
        audit.record(enabled ? "alert-rule-enable" : "alert-rule-disable", id, edited.before(), edited.after());
        return edited.after();
    }

    /** As {@link #update(String, JsonNode, String)}: refused when the rule changed since that version. */
    public synchronized void delete(String id, @Nullable String expectedVersion) {
        List<AlertRule> deleted = new ArrayList<>(1);
        change(list -> {
            AlertRule before = existing(list, id);
            checkVersion(before, expectedVersion);
            deleted.add(before);
            list.removeIf(rule -> rule.id().equals(id));
            return list;
        });
        audit.record("alert-rule-delete", id, deleted.get(0), null);
    }

    /** Server ids and roles of the target list, for the scope choice. */
    public List<MonitoredServer> servers() {
        return targets.current().targets().servers();
    }

    public List<ChannelDirectory.ChannelSummary> channels() {
        ChannelDirectory directory = channels.getIfAvailable();
        return directory == null ? List.of() : directory.channels();
    }

    private record Edited(AlertRule before, AlertRule after) {}

    /** Replaces rule {@code id}, as stored now, by what {@code edit} makes of it. */
    private Edited replace(String id, java.util.function.BiFunction<AlertRule, List<AlertRule>, AlertRule> edit) {
        List<Edited> edited = new ArrayList<>(1);
        change(list -> {
            AlertRule before = existing(list, id);
            AlertRule after = edit.apply(before, list);
            edited.add(new Edited(before, after));
            list.replaceAll(rule -> rule.id().equals(id) ? after : rule);
            return list;
        });
        return edited.get(0);
    }

    private void checkVersion(AlertRule rule, @Nullable String expectedVersion) {
        if (expectedVersion != null && !version(rule).equals(expectedVersion)) {
            throw new RuleChangedException(rule.id());
        }
    }

    private static AlertRule existing(List<AlertRule> rules, String id) {
        return rules.stream()
                .filter(rule -> rule.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new NoSuchRuleException(id));
    }

    private RuleValidator.Known known(@Nullable String exceptId, List<AlertRule> rules) {
        Set<String> servers = servers().stream().map(MonitoredServer::id).collect(Collectors.toSet());
        ChannelDirectory directory = channels.getIfAvailable();
        Set<String> channelIds = directory == null
                ? null
                : directory.channels().stream()
                        .map(ChannelDirectory.ChannelSummary::id)
                        .collect(Collectors.toSet());
        Set<String> names = rules.stream()
                .filter(rule -> !rule.id().equals(exceptId))
                .map(rule -> rule.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        return new RuleValidator.Known(servers, channelIds, names);
    }

    /**
     * Under the rules lock (other threads and instances), on the rules as stored now: installs
     * the rule file of the changed list, then stores the list; all or nothing.
     */
    private void change(UnaryOperator<List<AlertRule>> edit) {
        try (AtomicFile.UpdateLock ignored = store.lock()) {
            List<AlertRule> rules = store.load();
            List<AlertRule> next = List.copyOf(edit.apply(new ArrayList<>(rules)));
            for (AlertRule rule : next) {
                if (rule.condition() == RuleCondition.ADVANCED && rule.enabled() && !rules.contains(rule)) {
                    String problem = ruleFile.checkExpression(renderer.expression(rule));
                    if (problem != null) {
                        throw new InvalidRuleException(
                                List.of(new RuleFieldError("advanced", "Prometheus: " + problem)));
                    }
                }
            }
            ruleFile.install(renderer.render(next));
            try {
                store.save(next);
            } catch (IOException e) {
                ruleFile.install(renderer.render(rules)); // back to the rules that are still stored
                throw new RuleFileRefusedException("Cannot store the alert rules " + store.path() + ": " + e, e);
            }
            lastRead = next;
            events.publishEvent(new AlertingChanged("alert rules changed"));
        } catch (IOException e) {
            throw new RuleFileRefusedException(
                    "Cannot read or lock the alert rules " + store.path() + ": " + e + ". Nothing was changed", e);
        }
    }
}
