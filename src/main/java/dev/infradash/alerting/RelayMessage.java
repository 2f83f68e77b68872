package dev.infradash.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An Alertmanager webhook notification (its JSON) turned into one push message for ntfy or
 * Gotify: a title naming the state, the alert and the server, and a line per alert.
 *
 * @param priority 1 (min) to 5 (urgent), as ntfy counts; Gotify's scale is mapped by its sender
 */
record RelayMessage(String title, String message, int priority, boolean resolved) {

    private static final int MAX_ALERTS = 10;
    private static final int MAX_TEXT = 300;

    static RelayMessage of(JsonNode webhook) {
        String status = webhook.path("status").asText("firing");
        boolean resolved = status.equals("resolved");
        JsonNode group = webhook.path("groupLabels");
        JsonNode common = webhook.path("commonLabels");
        String alertname =
                text(group.path("alertname").asText(common.path("alertname").asText("alert")));
        String server = text(group.path("server").asText(common.path("server").asText("")));
        String title =
                "[" + status.toUpperCase(Locale.ROOT) + "] " + alertname + (server.isEmpty() ? "" : " on " + server);
        List<String> lines = new ArrayList<>();
        JsonNode alerts = webhook.path("alerts");
        for (int i = 0; i < Math.min(alerts.size(), MAX_ALERTS); i++) {
            JsonNode alert = alerts.get(i);
            JsonNode annotations = alert.path("annotations");
            String summary = annotations
                    .path("summary")
                    .asText(annotations.path("description").asText(""));
            String name = alert.path("labels").path("alertname").asText(alertname);
            String host = alert.path("labels").path("server").asText("");
            lines.add("• " + text(alert.path("status").asText(status)) + ": " + text(summary.isEmpty() ? name : summary)
                    + (host.isEmpty() ? "" : " (" + text(host) + ")"));
        }
        if (alerts.size() > MAX_ALERTS) lines.add("… and " + (alerts.size() - MAX_ALERTS) + " more");
        String severity = common.path("severity").asText("");
        int priority = resolved ? 2 : severity.equals("critical") ? 5 : severity.equals("warning") ? 4 : 3;
        return new RelayMessage(title, lines.isEmpty() ? title : String.join("\n", lines), priority, resolved);
    }

    /** One line, bounded: label values come from anywhere. */
    private static String text(String value) {
        String line = value.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ").strip();
        return line.length() > MAX_TEXT ? line.substring(0, MAX_TEXT) + "…" : line;
    }
}
