package dev.infradash.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a rule from JSON (REST body, the dialog's values, the stored file) and refuses anything
 * that could not be rendered safely or would never make sense, field by field, before anything
 * is written. The rule name becomes a label value (alertname): it may hold letters, digits,
 * spaces, '.', '_' and '-' only, so no quote, brace, newline or {@code {{} template reaches
 * Prometheus or a notification.
 */
final class RuleValidator {

    static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9 ._-]{0,63}");
    static final Pattern ROLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}");
    static final Pattern CHANNEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern DURATION =
            Pattern.compile("(?:(\\d{1,4})d)?(?:(\\d{1,4})h)?(?:(\\d{1,5})m)?(?:(\\d{1,6})s)?");
    static final Duration MIN_FOR = Duration.ofSeconds(1);
    static final Duration MAX_FOR = Duration.ofDays(7);
    static final int MAX_EXPRESSION = 2000;
    private static final Set<String> FIELDS = Set.of(
            "id",
            "name",
            "condition",
            "threshold",
            "for",
            "severity",
            "scope",
            "channels",
            "enabled",
            "advanced",
            "service",
            "description");

    /**
     * What the rule is checked against.
     *
     * @param serverIds  the servers of the target list
     * @param channelIds the channels, or null when no channel directory exists yet (any
     *                   well-formed id is then accepted)
     * @param otherNames names of the other rules, lower case
     */
    record Known(Set<String> serverIds, @Nullable Set<String> channelIds, Set<String> otherNames) {}

    private RuleValidator() {}

    /** The rule in {@code body} with the given id; throws {@link InvalidRuleException} naming every bad field. */
    static AlertRule read(JsonNode body, String id, Known known) {
        List<RuleFieldError> errors = new ArrayList<>();
        if (!body.isObject()) {
            throw new InvalidRuleException(List.of(new RuleFieldError("rule", "must be a JSON object")));
        }
        body.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                errors.add(new RuleFieldError(field, "is not a rule field"));
            }
        });
        String name = text(body, "name", errors);
        if (name != null && !NAME.matcher(name).matches()) {
            errors.add(new RuleFieldError(
                    "name",
                    "use letters, digits, spaces, '.', '_' or '-', starting with a letter, at most 64 characters"));
        } else if (name != null && known.otherNames().contains(name.toLowerCase(Locale.ROOT))) {
            errors.add(new RuleFieldError("name", "another rule has this name"));
        } else if (name == null && !errors.stream().anyMatch(e -> e.field().equals("name"))) {
            errors.add(new RuleFieldError("name", "is required"));
        }
        RuleCondition condition = null;
        String conditionKey = text(body, "condition", errors);
        if (conditionKey == null) {
            addIfAbsent(errors, "condition", "is required, e.g. down, cpu, memory, root_filesystem");
        } else {
            condition = RuleCondition.byKey(conditionKey).orElse(null);
            if (condition == null) {
                errors.add(new RuleFieldError("condition", "unknown condition; one of " + conditionKeys()));
            }
        }
        Double threshold = condition == null ? null : threshold(body, condition, errors);
        Duration lasting = duration(body, errors);
        Severity severity = Severity.WARNING;
        String severityKey = text(body, "severity", errors);
        if (severityKey != null) {
            severity = Severity.byKey(severityKey).orElse(null);
            if (severity == null) {
                errors.add(new RuleFieldError("severity", "must be critical, warning or info"));
            }
        }
        RuleScope scope = scope(body.get("scope"), known, errors);
        List<String> channels = channels(body.get("channels"), known, errors);
        boolean enabled = true;
        JsonNode enabledNode = body.get("enabled");
        if (enabledNode != null && !enabledNode.isNull()) {
            if (enabledNode.isBoolean()) {
                enabled = enabledNode.booleanValue();
            } else {
                errors.add(new RuleFieldError("enabled", "must be true or false"));
            }
        }
        String advanced = text(body, "advanced", errors);
        if (advanced != null && advanced.isBlank()) {
            advanced = null;
        }
        if (condition == RuleCondition.ADVANCED) {
            if (advanced == null) {
                addIfAbsent(errors, "advanced", "an advanced rule needs its PromQL expression");
            } else if (advanced.length() > MAX_EXPRESSION || advanced.indexOf('\0') >= 0) {
                errors.add(new RuleFieldError("advanced", "at most " + MAX_EXPRESSION + " characters"));
            }
        } else if (advanced != null) {
            errors.add(new RuleFieldError("advanced", "only for the condition advanced"));
        }
        String service = text(body, "service", errors);
        service = service == null ? "" : service;
        if (!service.isEmpty()) {
            if (condition != RuleCondition.SERVICE_DOWN && condition != RuleCondition.CERTIFICATE_EXPIRY) {
                errors.add(new RuleFieldError("service", "only for service_down and certificate_expiry"));
            } else if (!ROLE.matcher(service).matches()) {
                errors.add(new RuleFieldError("service", "a service name: letters, digits, spaces, '.', '_', '-'"));
            }
        }
        if (!errors.isEmpty() || name == null || condition == null || lasting == null || severity == null) {
            throw new InvalidRuleException(errors);
        }
        return new AlertRule(
                id, name, condition, threshold, lasting, severity, scope, channels, enabled, advanced, service);
    }

    private static @Nullable Double threshold(JsonNode body, RuleCondition condition, List<RuleFieldError> errors) {
        JsonNode node = body.get("threshold");
        boolean given = node != null && !node.isNull();
        if (!condition.takesThreshold()) {
            if (given) {
                errors.add(new RuleFieldError("threshold", "the condition " + condition.key() + " takes no threshold"));
            }
            return null;
        }
        String range = "between " + RuleExpressions.number(condition.minimum()) + " and "
                + RuleExpressions.number(condition.maximum()) + " " + condition.unit();
        if (!given) {
            errors.add(new RuleFieldError("threshold", "is required for " + condition.key() + ": " + range));
            return null;
        }
        if (!node.isNumber()) {
            errors.add(new RuleFieldError("threshold", "must be a number " + range));
            return null;
        }
        double value = node.doubleValue(); // 1e309 reads as Infinity: out of range below
        if (!Double.isFinite(value) || value < condition.minimum() || value > condition.maximum()) {
            errors.add(new RuleFieldError("threshold", "must be " + range));
            return null;
        }
        // at most 2 decimals: the number is shown in summaries and the rule list
        return Math.round(value * 100) / 100.0;
    }

    private static @Nullable Duration duration(JsonNode body, List<RuleFieldError> errors) {
        String text = text(body, "for", errors);
        String hint = "a duration from 1s to 7d such as 15s, 5m, 1h30m";
        if (text == null) {
            addIfAbsent(errors, "for", "is required: " + hint);
            return null;
        }
        Matcher m = DURATION.matcher(text.strip());
        if (text.isBlank() || !m.matches()) {
            errors.add(new RuleFieldError("for", "must be " + hint));
            return null;
        }
        Duration d = Duration.ZERO;
        long[] seconds = {86400, 3600, 60, 1};
        for (int i = 0; i < 4; i++) {
            if (m.group(i + 1) != null) {
                d = d.plusSeconds(Long.parseLong(m.group(i + 1)) * seconds[i]);
            }
        }
        if (d.compareTo(MIN_FOR) < 0 || d.compareTo(MAX_FOR) > 0) {
            errors.add(new RuleFieldError("for", "must be " + hint));
            return null;
        }
        return d;
    }

    private static RuleScope scope(@Nullable JsonNode node, Known known, List<RuleFieldError> errors) {
        if (node == null || node.isNull() || (node.isObject() && node.isEmpty())) {
            return RuleScope.all();
        }
        String hint = "leave it out for every server, or give {\"role\": \"...\"} or {\"servers\": [\"id\", ...]}";
        if (!node.isObject() || node.size() != 1 || !(node.has("role") || node.has("servers"))) {
            errors.add(new RuleFieldError("scope", hint));
            return RuleScope.all();
        }
        if (node.has("role")) {
            JsonNode role = node.get("role");
            if (!role.isTextual() || !ROLE.matcher(role.textValue()).matches()) {
                errors.add(new RuleFieldError("scope", "role: letters, digits, spaces, '.', '_' or '-'"));
                return RuleScope.all();
            }
            // a role no server has yet is accepted: the rule waits for the first server of that role
            return RuleScope.role(role.textValue());
        }
        JsonNode servers = node.get("servers");
        if (!servers.isArray() || servers.isEmpty()) {
            errors.add(new RuleFieldError("scope", "servers: a list of one or more server ids"));
            return RuleScope.all();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode server : servers) {
            if (!server.isTextual() || !known.serverIds().contains(server.textValue())) {
                // an unknown id would silently watch nothing: most likely a typo
                errors.add(new RuleFieldError(
                        "scope", "no server with id " + abbreviated(server) + " in the target list"));
            } else {
                ids.add(server.textValue());
            }
        }
        return RuleScope.servers(List.copyOf(ids));
    }

    private static List<String> channels(@Nullable JsonNode node, Known known, List<RuleFieldError> errors) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            errors.add(new RuleFieldError("channels", "a list of channel ids; leave it out for every channel"));
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode channel : node) {
            boolean wellFormed = channel.isTextual()
                    && CHANNEL_ID.matcher(channel.textValue()).matches();
            Set<String> existing = known.channelIds();
            if (!wellFormed || (existing != null && !existing.contains(channel.textValue()))) {
                errors.add(new RuleFieldError("channels", "no channel with id " + abbreviated(channel)));
            } else {
                ids.add(channel.textValue());
            }
        }
        return List.copyOf(ids);
    }

    private static @Nullable String text(JsonNode body, String field, List<RuleFieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new RuleFieldError(field, "must be text"));
            return null;
        }
        return node.textValue();
    }

    private static void addIfAbsent(List<RuleFieldError> errors, String field, String message) {
        if (errors.stream().noneMatch(e -> e.field().equals(field))) {
            errors.add(new RuleFieldError(field, message));
        }
    }

    /** An offending value for a message: bounded and with control characters shown escaped. */
    private static String abbreviated(JsonNode value) {
        String text = value.isTextual() ? value.textValue() : value.toString();
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }

    static String conditionKeys() {
        return String.join(
                ", ",
                java.util.Arrays.stream(RuleCondition.values())
                        .map(RuleCondition::key)
                        .toList());
    }
}
