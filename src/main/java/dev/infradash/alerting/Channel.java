package dev.infradash.alerting;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A notification channel as stored: its settings including secrets. Never leaves the alerting
 * slice unmasked except into Alertmanager's configuration file; {@link #masked()} is what
 * anyone is shown.
 *
 * @param id          random, lowercase letters and digits; also names the Alertmanager receiver
 * @param fields      the type's fields (see {@link ChannelType#fields()}); absent ones are empty
 * @param relaySecret the bearer secret Alertmanager sends to Infradash's relay for this channel
 *                    (ntfy, Gotify); random, never shown
 */
public record Channel(String id, String name, ChannelType type, Map<String, String> fields, String relaySecret) {

    /** What a secret that is set looks like wherever it is shown. */
    public static final String MASK = "********";

    public Channel {
        fields = Map.copyOf(fields);
    }

    public String field(String name) {
        return fields.getOrDefault(name, "");
    }

    /** The settings with every secret that is set replaced by {@link #MASK}. */
    public Map<String, String> masked() {
        Map<String, String> shown = new LinkedHashMap<>();
        for (String field : type.fields()) {
            String value = field(field);
            shown.put(field, type.isSecret(field) && !value.isEmpty() ? MASK : value);
        }
        return shown;
    }

    /** The secret values, to scrub them out of any text (an Alertmanager refusal) before it is shown. */
    public String scrub(String text) {
        String result = text;
        for (String field : type.fields()) {
            String value = field(field);
            if (type.isSecret(field) && value.length() >= 4) result = result.replace(value, MASK);
        }
        if (relaySecret.length() >= 4) result = result.replace(relaySecret, MASK);
        return result;
    }

    @Override
    public String toString() {
        // records print every component: this one must never print its secrets into a log
        return "Channel[id=" + id + ", name=" + name + ", type=" + type.id() + ", fields=" + masked() + "]";
    }
}
