package dev.infradash.alerting;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of notification channel, with the fields each takes and which of them are secrets
 * (stored, written into Alertmanager's file, never shown again). {@link #integration()} is the
 * Alertmanager integration that delivers it, as its delivery counters name it; ntfy and Gotify
 * have none in Alertmanager 0.25, so Alertmanager posts them to Infradash's relay as webhooks.
 */
public enum ChannelType {
    WEBHOOK("webhook", "Webhook (JSON)", List.of("url"), Set.of(), "webhook"),
    EMAIL(
            "email",
            "Email (SMTP)",
            List.of("host", "port", "security", "username", "password", "from", "to"),
            Set.of("password"),
            "email"),
    SLACK("slack", "Slack (incoming webhook)", List.of("url"), Set.of("url"), "slack"),
    DISCORD("discord", "Discord (webhook)", List.of("url"), Set.of("url"), "discord"),
    TELEGRAM("telegram", "Telegram", List.of("botToken", "chatId"), Set.of("botToken"), "telegram"),
    NTFY("ntfy", "ntfy", List.of("serverUrl", "topic", "token"), Set.of("token"), "relay"),
    GOTIFY("gotify", "Gotify", List.of("serverUrl", "appToken"), Set.of("appToken"), "relay");

    private final String id;
    private final String label;
    private final List<String> fields;
    private final Set<String> secrets;
    private final String integration;

    ChannelType(String id, String label, List<String> fields, Set<String> secrets, String integration) {
        this.id = id;
        this.label = label;
        this.fields = fields;
        this.secrets = secrets;
        this.integration = integration;
    }

    /** The name in JSON and in the stored file, e.g. {@code webhook}. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** Every field this type takes, in the order a form shows them. */
    public List<String> fields() {
        return fields;
    }

    public boolean isSecret(String field) {
        return secrets.contains(field);
    }

    /** Alertmanager's integration name, or {@code relay} when Infradash delivers it itself. */
    public String integration() {
        return integration;
    }

    public boolean relayed() {
        return integration.equals("relay");
    }

    public static Optional<ChannelType> of(String id) {
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.id.equals(wanted)).findFirst();
    }
}
