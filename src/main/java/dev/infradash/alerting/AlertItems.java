package dev.infradash.alerting;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.infradash.fleet.FleetSnapshot;
import dev.infradash.fleet.ServerSnapshot;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The rows of the alert list: text only, every word visible (no tooltips: phones cannot hover). */
final class AlertItems {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MMM d HH:mm").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private AlertItems() {}

    static Div current(CurrentAlert alert, @Nullable List<Button> actions) {
        Span state = badge(
                alert.state(),
                switch (alert.state()) {
                    case "firing" -> "critical".equals(alert.severity()) ? "error" : "warning";
                    default -> "contrast";
                });
        String text = alert.serverName() + " · " + alert.alertname()
                + (alert.severity().isEmpty() ? "" : " (" + alert.severity() + ")") + " — " + alert.summary()
                + (alert.since() == null ? "" : " · since " + TIME.format(alert.since()))
                + (alert.silencedBy().isEmpty()
                        ? ""
                        : alert.silencedUntil() == null
                                ? " · silenced"
                                : " · silenced until " + CLOCK.format(alert.silencedUntil()));
        Div row = new Div(state, new Span(text));
        row.addClassName("alert-item");
        row.setClassName("silenced", !alert.silencedBy().isEmpty());
        row.getElement().setAttribute("data-server", alert.server());
        row.getElement().setAttribute("data-alert", alert.alertname());
        row.getElement().setAttribute("data-state", alert.state());
        if (actions != null) actions.forEach(row::add);
        return row;
    }

    static Div silence(SilenceSummary silence, @Nullable Button expire) {
        String until = silence.untilResolved() ? "until resolved" : "until " + TIME.format(silence.endsAt());
        Div row = new Div(
                badge("silence", "contrast"),
                new Span(silence.matchers() + " · " + until + " · by " + silence.createdBy() + " — "
                        + silence.comment()));
        row.addClassName("alert-item");
        row.addClassName("silence-item");
        row.getElement().setAttribute("data-silence", silence.id());
        if (expire != null) row.add(expire);
        return row;
    }

    static Div interval(AlertInterval interval, FleetSnapshot fleet) {
        String server = interval.server().isEmpty()
                ? "(no server)"
                : fleet.server(interval.server())
                        .map(ServerSnapshot::displayName)
                        .orElse(interval.server());
        String when = TIME.format(interval.start()) + " – "
                + (interval.end() == null ? "still firing" : TIME.format(interval.end()));
        Div row = new Div(
                badge(interval.severity().isEmpty() ? "alert" : interval.severity(), "contrast"),
                new Span(server + " · " + interval.alertname() + " · " + when + " · " + duration(interval)));
        row.addClassName("alert-item");
        row.addClassName("history-item");
        row.getElement().setAttribute("data-server", interval.server());
        row.getElement().setAttribute("data-alert", interval.alertname());
        return row;
    }

    /** "2 h 5 min", "45 s"; a firing seen at one step only reads "up to 15 s". */
    static String duration(AlertInterval interval) {
        if (interval.duration().compareTo(interval.resolution()) <= 0) {
            return "up to " + duration(interval.resolution());
        }
        return duration(interval.duration());
    }

    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) return seconds + " s";
        long minutes = seconds / 60;
        if (minutes < 60) return minutes + " min";
        long hours = minutes / 60;
        if (hours < 48) return hours + " h " + (minutes % 60) + " min";
        return hours / 24 + " d " + (hours % 24) + " h";
    }

    private static Span badge(String text, String theme) {
        Span badge = new Span(text);
        badge.getElement().getThemeList().add("badge");
        badge.getElement().getThemeList().add(theme);
        return badge;
    }
}
