package dev.infradash.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders Alertmanager's WHOLE configuration from the channels and the rules' routes, as a YAML
 * tree (Jackson), never by pasting text: every value is a quoted scalar, so nothing typed into a
 * channel can add a key, a receiver or a route.
 *
 * <p>Routing, top to bottom: (1) per channel a test route matching {@code infradash_channel}
 * (the Send test alert) that goes to that channel only, at once; (2) per rule with chosen
 * channels a route matching {@code infradash_rule} that fans out to those channels (children
 * with {@code continue: true}) and stops there; (3) everything else (alerts of rules Infradash
 * did not write, rules without chosen channels) to every channel. The root receiver has no
 * integrations, so with no channel nothing is sent.
 *
 * <p>Timings: the root route's {@code group_wait}, {@code group_interval} and {@code
 * repeat_interval} come from {@link GroupTimings} ({@code infradash.alerting.group-wait} etc.,
 * 10 s, 1 m and 4 h by default: why, see {@link AlertingProperties}). Grouping by alert and
 * server: one message per server and problem.
 */
final class AlertmanagerConfigRenderer {

    static final String NO_RECEIVER = "infradash-none";
    static final String CHANNEL_LABEL = "infradash_channel";
    static final String RELAY_PATH = "/api/alerting/relay/";
    private static final String SUBJECT = "[{{ .Status | toUpper }}] {{ .GroupLabels.alertname }}"
            + "{{ if .GroupLabels.server }} on {{ .GroupLabels.server }}{{ end }}";

    private final YAMLMapper yaml = new YAMLMapper(new YAMLFactory()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final GroupTimings timings;

    AlertmanagerConfigRenderer(GroupTimings timings) {
        this.timings = timings;
    }

    static String receiverName(Channel channel) {
        return "ch-" + channel.id();
    }

    /** @param relayBase the URL at which Alertmanager reaches Infradash (for ntfy and Gotify) */
    String render(List<Channel> channels, List<RuleRoutes.RuleRoute> rules, URI relayBase) {
        ObjectNode root = nodes.objectNode();
        root.putObject("global").put("resolve_timeout", "5m");
        ObjectNode route = root.putObject("route");
        route.put("receiver", NO_RECEIVER);
        route.putArray("group_by").add("alertname").add("server");
        // whole seconds (validated), so "10s", "1m", "4h" as Alertmanager's own examples spell them
        route.put("group_wait", RuleExpressions.promDuration(timings.groupWait()));
        route.put("group_interval", RuleExpressions.promDuration(timings.groupInterval()));
        route.put("repeat_interval", RuleExpressions.promDuration(timings.repeatInterval()));
        ArrayNode routes = route.putArray("routes");
        for (Channel channel : channels) {
            // a test alert (Send test) reaches this channel alone, without waiting: its own group
            ObjectNode test = routes.addObject();
            test.put("receiver", receiverName(channel));
            test.putObject("match").put(CHANNEL_LABEL, channel.id());
            test.putArray("group_by").add("...");
            test.put("group_wait", "0s");
            test.put("group_interval", "10s");
            test.put("continue", false);
        }
        Set<String> known = new LinkedHashSet<>();
        channels.forEach(c -> known.add(c.id()));
        for (RuleRoutes.RuleRoute rule : rules) {
            List<Channel> chosen = new ArrayList<>();
            for (String id : new LinkedHashSet<>(rule.channelIds())) {
                if (known.contains(id))
                    channels.stream().filter(c -> c.id().equals(id)).forEach(chosen::add);
            }
            // no (remaining) chosen channel: the rule goes to every channel below, not to nobody
            if (chosen.isEmpty()) continue;
            ObjectNode ruleRoute = routes.addObject();
            ruleRoute.put("receiver", NO_RECEIVER);
            ruleRoute.putObject("match").put(RuleRoutes.RULE_LABEL, rule.ruleId());
            ruleRoute.put("continue", false);
            ArrayNode fanOut = ruleRoute.putArray("routes");
            for (Channel channel : chosen) {
                fanOut.addObject().put("receiver", receiverName(channel)).put("continue", true);
            }
        }
        for (Channel channel : channels) {
            routes.addObject().put("receiver", receiverName(channel)).put("continue", true);
        }
        ArrayNode receivers = root.putArray("receivers");
        receivers.addObject().put("name", NO_RECEIVER);
        for (Channel channel : channels) {
            receivers.add(receiver(channel, relayBase));
        }
        try {
            return "# Written by Infradash from its notification channels and alert rules; edits here are"
                    + " overwritten.\n" + yaml.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the Alertmanager configuration", e);
        }
    }

    private ObjectNode receiver(Channel channel, URI relayBase) {
        ObjectNode receiver = nodes.objectNode();
        receiver.put("name", receiverName(channel));
        switch (channel.type()) {
            case WEBHOOK -> webhook(receiver, channel.field("url"));
            case SLACK ->
                receiver.putArray("slack_configs")
                        .addObject()
                        .put("api_url", channel.field("url"))
                        .put("send_resolved", true);
            case DISCORD ->
                receiver.putArray("discord_configs")
                        .addObject()
                        .put("webhook_url", channel.field("url"))
                        .put("send_resolved", true);
            case TELEGRAM ->
                receiver.putArray("telegram_configs")
                        .addObject()
                        .put("bot_token", channel.field("botToken"))
                        // an integer in Alertmanager's schema; the validator allows digits only
                        .put("chat_id", Long.parseLong(channel.field("chatId")))
                        .put("parse_mode", "")
                        .put("send_resolved", true);
            case EMAIL -> email(receiver.putArray("email_configs").addObject(), channel);
            case NTFY, GOTIFY -> {
                ObjectNode hook =
                        webhook(receiver, relayBase.toString().replaceAll("/+$", "") + RELAY_PATH + channel.id());
                hook.putObject("http_config")
                        .putObject("authorization")
                        .put("type", "Bearer")
                        .put("credentials", channel.relaySecret());
            }
        }
        return receiver;
    }

    private static ObjectNode webhook(ObjectNode receiver, String url) {
        return receiver.putArray("webhook_configs")
                .addObject()
                .put("url", url)
                .put("send_resolved", true)
                .put("max_alerts", 0);
    }

    private void email(ObjectNode email, Channel channel) {
        email.put("to", channel.field("to"));
        email.put("from", channel.field("from"));
        email.put("smarthost", smarthost(channel.field("host"), channel.field("port")));
        if (!channel.field("username").isEmpty()) {
            email.put("auth_username", channel.field("username"));
            email.put("auth_password", channel.field("password"));
        }
        // starttls: refuse to send without it; tls: port 465, where Alertmanager dials TLS at once
        email.put("require_tls", channel.field("security").equals("starttls"));
        email.put("send_resolved", true);
        email.set("headers", nodes.objectNode().setAll(Map.of("Subject", nodes.textNode(SUBJECT))));
    }

    private static String smarthost(String host, String port) {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
