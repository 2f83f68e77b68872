package dev.infradash.fleet;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.infradash.base.Links;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A card's alerts as text lines: state and summary of each, silenced ones muted with the time
 * their silence ends. Shown in the card, not in a tooltip, so a phone shows them without hovering.
 * Redrawn only when the alerts change.
 */
class AlertLines extends Div {

    /** Lines a card shows before "+N more": the detail view and the alert list show every one. */
    static final int MAX_LINES = 3;

    private static final DateTimeFormatter UNTIL =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private @Nullable String silencePath;
    private @Nullable List<ServerAlert> shown;

    /** @param silencePath where the admin-only "Silence" link leads, or null for no link */
    AlertLines(@Nullable String silencePath) {
        this.silencePath = silencePath;
        addClassName("alert-lines");
        setVisible(false);
    }

    /** For another server's alerts: its "Silence" link; the next {@link #show} redraws. */
    void rebind(@Nullable String path) {
        silencePath = path;
        shown = null;
    }

    void show(List<ServerAlert> alerts) {
        if (alerts.equals(shown)) {
            return;
        }
        shown = alerts;
        removeAll();
        setVisible(!alerts.isEmpty());
        for (ServerAlert alert : alerts.subList(0, Math.min(MAX_LINES, alerts.size()))) {
            Div line = new Div(new Span(text(alert)));
            line.addClassName("alert-line");
            line.getElement().setAttribute("data-state", alert.silenced() ? "silenced" : alert.state());
            line.setClassName("silenced", alert.silenced());
            add(line);
        }
        if (alerts.size() > MAX_LINES) {
            Span more = new Span("+" + (alerts.size() - MAX_LINES) + " more");
            more.addClassName("alert-line-more");
            add(more);
        }
        if (silencePath != null && alerts.stream().anyMatch(alert -> !alert.silenced())) {
            Anchor silence = Links.to(silencePath, "Silence…");
            silence.addClassName("silence-link");
            add(silence);
        }
    }

    /** "firing: Memory of web-1 above 90 % · silenced until 14:05" */
    static String text(ServerAlert alert) {
        String text = alert.state() + ": " + alert.summary();
        return alert.silenced() ? text + " · " + silencedText(alert.silencedUntil()) : text;
    }

    static String silencedText(@Nullable Instant until) {
        return until == null ? "silenced" : "silenced until " + UNTIL.format(until);
    }

    /** The hint for a badge that counts only silenced alerts: when the first silence ends. */
    static String silencedHint(List<ServerAlert> alerts) {
        return silencedText(alerts.stream()
                .map(ServerAlert::silencedUntil)
                .filter(Objects::nonNull)
                .min(Instant::compareTo)
                .orElse(null));
    }
}
