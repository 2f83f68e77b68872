package dev.infradash.history;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The detail view's window controls: live presets, a custom range and the label of the window
 * shown. A custom range is entered, and every time shown, in the BROWSER's time zone (from
 * Vaadin's extended client details), never the server's: a container runs in UTC while its admin
 * sits in Berlin. A window that lies in the future is refused on the field.
 */
class RangeBar extends Div {

    /** Slack for a clock a little ahead of the server's, or "now" rounded up to the minute. */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(1);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Clock clock;
    private final Consumer<TimeWindow> onSelect;
    private final Map<TimeWindow.Preset, Button> presetButtons = new EnumMap<>(TimeWindow.Preset.class);
    private final DateTimePicker customFrom = new DateTimePicker("From");
    private final DateTimePicker customTo = new DateTimePicker("To");
    private final Span windowLabel = new Span();
    private ZoneId zone = ZoneId.of("UTC");
    private TimeWindow shown;

    RangeBar(Clock clock, Consumer<TimeWindow> onSelect) {
        this.clock = clock;
        this.onSelect = onSelect;
        this.shown = TimeWindow.live(WindowParameters.DEFAULT, clock.instant());
        addClassName("range-bar");
        for (TimeWindow.Preset preset : TimeWindow.Preset.values()) {
            Button button =
                    new Button(preset.label(), click -> onSelect.accept(TimeWindow.live(preset, clock.instant())));
            button.addThemeVariants(ButtonVariant.LUMO_SMALL);
            button.getElement().setAttribute("data-range", preset.label());
            presetButtons.put(preset, button);
            add(button);
        }
        customFrom.setStep(Duration.ofMinutes(1));
        customTo.setStep(Duration.ofMinutes(1));
        customFrom.setId("custom-range-from");
        customTo.setId("custom-range-to");
        Button apply = new Button("Show", click -> applyCustom());
        apply.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        apply.setId("custom-range-apply");
        Div custom = new Div(customFrom, customTo, apply);
        custom.addClassName("custom-range");
        windowLabel.addClassName("window-label");
        add(custom, windowLabel);
    }

    /** The browser's zone, once the browser told it; until then UTC, which the label names. */
    void setZone(ZoneId browserZone) {
        zone = browserZone;
        show(shown);
    }

    ZoneId zone() {
        return zone;
    }

    /** Marks the window's preset and labels the window in the browser's zone. */
    void show(TimeWindow window) {
        shown = window;
        presetButtons.forEach((preset, button) -> button.setClassName("active", preset == window.preset()));
        windowLabel.setText(
                window.isLive()
                        ? "Live · last " + window.livePreset().label()
                        : TIME.format(window.from().atZone(zone)) + " – "
                                + TIME.format(window.to().atZone(zone)) + " (" + zone.getId() + ")");
        if (!window.isLive()) {
            customFrom.setValue(LocalDateTime.ofInstant(window.from(), zone));
            customTo.setValue(LocalDateTime.ofInstant(window.to(), zone));
        }
    }

    Map<TimeWindow.Preset, Button> presetButtons() {
        return presetButtons;
    }

    DateTimePicker from() {
        return customFrom;
    }

    DateTimePicker to() {
        return customTo;
    }

    String label() {
        return windowLabel.getText();
    }

    private void applyCustom() {
        LocalDateTime from = customFrom.getValue();
        LocalDateTime to = customTo.getValue();
        customFrom.setInvalid(false);
        customTo.setInvalid(false);
        if (from == null || to == null || !to.isAfter(from)) {
            refuse(customTo, "Pick a start and an end after it");
            return;
        }
        Instant start = from.atZone(zone).toInstant();
        Instant end = to.atZone(zone).toInstant();
        Instant now = clock.instant();
        String nowHere = "now is " + TIME.format(now.atZone(zone)) + " (" + zone.getId() + ")";
        if (!start.isBefore(now)) {
            refuse(customFrom, "This start lies in the future: " + nowHere);
            return;
        }
        if (end.isAfter(now.plus(FUTURE_TOLERANCE))) {
            refuse(customTo, "This end lies in the future: " + nowHere);
            return;
        }
        if (Duration.between(start, end).compareTo(WindowParameters.LONGEST) > 0) {
            refuse(customTo, "Pick at most " + WindowParameters.LONGEST.toDays() + " days");
            return;
        }
        onSelect.accept(TimeWindow.fixed(start, end));
    }

    private static void refuse(DateTimePicker field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }
}
