package dev.infradash.alerting;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.server.VaadinRequest;
import dev.infradash.fleet.FleetSnapshot;
import dev.infradash.fleet.ServerAlert;
import dev.infradash.fleet.ServerSnapshot;
import dev.infradash.targets.Actor;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;

/**
 * Silences a server, or one alert of it, for a while with a reason. Thin: SilenceService checks
 * and writes; refusals come back on the field they concern, and nothing is created then.
 */
class SilenceDialog extends Dialog {

    static final String EVERY_ALERT = "";

    final Select<String> server = new Select<>();
    final ComboBox<String> alertname = new ComboBox<>("Alert");
    final RadioButtonGroup<SilenceDuration> duration = new RadioButtonGroup<>("For");
    final TextArea comment = new TextArea("Comment");
    final Span failure = new Span();
    final Button save = new Button("Silence");

    SilenceDialog(
            FleetSnapshot fleet,
            @Nullable String serverId,
            @Nullable String alert,
            SilenceService silences,
            Authentication user,
            Runnable done) {
        setHeaderTitle("Silence alerts");
        addClassName("silence-dialog");
        server.setLabel("Server");
        server.setItems(fleet.servers().stream().map(ServerSnapshot::id).toList());
        server.setItemLabelGenerator(id -> fleet.server(id)
                .map(s -> s.displayName().equals(id) ? id : s.displayName() + " (" + id + ")")
                .orElse(id));
        alertname.setAllowCustomValue(true);
        alertname.setHelperText("Empty: every alert of the server");
        alertname.addCustomValueSetListener(event -> alertname.setValue(event.getDetail()));
        server.addValueChangeListener(event -> alertname.setItems(alertNames(fleet, event.getValue())));
        if (serverId != null && fleet.server(serverId).isPresent()) {
            server.setValue(serverId);
        }
        if (alert != null) {
            alertname.setValue(alert);
        }
        duration.setItems(SilenceDuration.values());
        duration.setItemLabelGenerator(SilenceDuration::label);
        duration.setValue(SilenceDuration.ONE_HOUR);
        comment.setMaxLength(SilencePlanner.MAX_COMMENT);
        comment.setPlaceholder("Why, e.g. disk replacement until 15:00");
        comment.setWidthFull();
        failure.addClassName("silence-failure");
        failure.setVisible(false);
        add(server, alertname, duration, comment, failure);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", click -> close());
        // stable ids for browser tests
        server.setId("silence-server");
        alertname.setId("silence-alertname");
        duration.setId("silence-duration");
        comment.setId("silence-comment");
        save.setId("silence-save");
        cancel.setId("silence-cancel");
        getFooter().add(cancel, save);
        save.addClickListener(click -> {
            clearErrors();
            SilenceRequest request = new SilenceRequest(
                    server.getValue(),
                    alertname.getValue(),
                    duration.getValue() == null ? null : duration.getValue().key(),
                    comment.getValue());
            VaadinRequest http = VaadinRequest.getCurrent();
            Actor actor = new Actor(user.getName(), http == null ? "unknown" : http.getRemoteAddr());
            UI ui = UI.getCurrent();
            save.setEnabled(false);
            silences.createAsync(request, user, actor)
                    .whenComplete((id, error) -> ui.access(() -> {
                        save.setEnabled(true);
                        if (error == null) {
                            close();
                            done.run();
                        } else {
                            show(
                                    error instanceof CompletionException && error.getCause() != null
                                            ? error.getCause()
                                            : error);
                        }
                    }));
        });
    }

    private static List<String> alertNames(FleetSnapshot fleet, @Nullable String serverId) {
        return serverId == null
                ? List.of()
                : fleet.server(serverId)
                        .map(s -> s.alerts().stream()
                                .map(ServerAlert::name)
                                .distinct()
                                .toList())
                        .orElse(List.of());
    }

    private void clearErrors() {
        server.setInvalid(false);
        alertname.setInvalid(false);
        duration.setInvalid(false);
        comment.setInvalid(false);
        failure.setVisible(false);
    }

    /** Each refusal on its field; anything else (Alertmanager down) under the fields. */
    private void show(Throwable error) {
        if (error instanceof SilenceRefusedException refused) {
            for (FieldError field : refused.errors()) {
                switch (field.field()) {
                    case "server" -> invalid(server, field.message());
                    case "alertname" -> invalid(alertname, field.message());
                    case "duration" -> {
                        duration.setErrorMessage(field.message());
                        duration.setInvalid(true);
                    }
                    case "comment" -> {
                        comment.setErrorMessage(field.message());
                        comment.setInvalid(true);
                    }
                    default -> fail(field.message());
                }
            }
        } else {
            fail(String.valueOf(error.getMessage()));
        }
    }

    private static void invalid(Select<String> field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }

    private static void invalid(ComboBox<String> field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }

    private void fail(String message) {
        failure.setText(message);
        failure.setVisible(true);
    }
}
