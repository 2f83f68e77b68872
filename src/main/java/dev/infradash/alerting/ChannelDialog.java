package dev.infradash.alerting;

import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Add or edit one channel: the fields of its type, secrets as password fields that stay empty
 * on edit (blank keeps the stored secret). A refusal puts its message on the field it names.
 */
final class ChannelDialog extends Dialog {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("url", "Webhook URL"),
            Map.entry("host", "SMTP host"),
            Map.entry("port", "SMTP port"),
            Map.entry("security", "Security"),
            Map.entry("username", "User (optional)"),
            Map.entry("password", "Password"),
            Map.entry("from", "From"),
            Map.entry("to", "To (comma-separated)"),
            Map.entry("botToken", "Bot token"),
            Map.entry("chatId", "Chat id"),
            Map.entry("serverUrl", "Server URL"),
            Map.entry("topic", "Topic"),
            Map.entry("token", "Access token (optional)"),
            Map.entry("appToken", "App token"));

    private final ChannelService service;
    private final ChannelService.@Nullable ChannelInfo editing;
    private final Runnable saved;
    private final TextField name = new TextField("Name");
    private final Select<ChannelType> type = new Select<>();
    private final FormLayout fieldsLayout = new FormLayout();
    private final Map<String, AbstractField<?, String>> fields = new LinkedHashMap<>();
    private final Div error = new Div();

    ChannelDialog(ChannelService service, ChannelService.@Nullable ChannelInfo editing, Runnable saved) {
        this.service = service;
        this.editing = editing;
        this.saved = saved;
        setHeaderTitle(editing == null ? "Add notification channel" : "Edit " + editing.name());
        type.setLabel("Type");
        type.setItems(Arrays.asList(ChannelType.values()));
        type.setItemLabelGenerator(ChannelType::label);
        type.addValueChangeListener(e -> showFields(e.getValue()));
        name.setId("channel-name");
        type.setId("channel-type");
        error.addClassName("channel-dialog-error");
        error.setVisible(false);
        ChannelType initial = editing == null
                ? ChannelType.WEBHOOK
                : ChannelType.of(editing.type()).orElse(ChannelType.WEBHOOK);
        if (editing != null) {
            name.setValue(editing.name());
            type.setReadOnly(true); // the type never changes: add a new channel instead
        }
        type.setValue(initial);
        add(new FormLayout(name, type), fieldsLayout, error);
        Button save = new Button("Save", e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("channel-save");
        Button cancel = new Button("Cancel", e -> close());
        cancel.setId("channel-cancel");
        getFooter().add(cancel, save);
    }

    private void showFields(@Nullable ChannelType kind) {
        fieldsLayout.removeAll();
        fields.clear();
        if (kind == null) return;
        for (String field : kind.fields()) {
            AbstractField<?, String> input;
            if (field.equals("security")) {
                Select<String> security = new Select<>();
                security.setLabel(LABELS.get(field));
                security.setItems("starttls", "tls", "none");
                security.setItemLabelGenerator(s -> switch (s) {
                    case "starttls" -> "STARTTLS (port 587)";
                    case "tls" -> "TLS (port 465)";
                    default -> "None (local relay only)";
                });
                security.setValue("starttls");
                input = security;
            } else if (kind.isSecret(field)) {
                PasswordField secret = new PasswordField(LABELS.getOrDefault(field, field));
                if (editing != null) secret.setPlaceholder("unchanged (leave blank to keep)");
                secret.setRevealButtonVisible(editing == null);
                input = secret;
            } else {
                input = new TextField(LABELS.getOrDefault(field, field));
            }
            if (editing != null && !kind.isSecret(field)) {
                String value = editing.settings().getOrDefault(field, "");
                if (!value.isEmpty()) input.setValue(value);
            }
            input.setId("channel-field-" + field);
            fields.put(field, input);
            fieldsLayout.add((com.vaadin.flow.component.Component) input);
        }
    }

    private void save() {
        clearErrors();
        ChannelType kind = type.getValue();
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((field, input) -> values.put(field, input.getValue() == null ? "" : input.getValue()));
        var request = new ChannelService.ChannelRequest(name.getValue(), kind == null ? "" : kind.id(), values);
        try {
            if (editing == null) service.create(request);
            else service.update(editing.id(), request, editing.version());
            close();
            saved.run();
        } catch (InvalidChannelException e) {
            for (ChannelFieldError fieldError : e.errors()) showError(fieldError);
        } catch (ChannelChangedException e) {
            // written whole, this form would undo the other change (a URL, a recipient)
            error.setText("This channel was changed meanwhile (elsewhere or by a script); nothing was saved."
                    + " Close and reopen it to see the current settings");
            error.setVisible(true);
        } catch (AlertmanagerConfigRefusedException | NoSuchChannelException e) {
            error.setText(String.valueOf(e.getMessage()));
            error.setVisible(true);
        }
    }

    private void showError(ChannelFieldError fieldError) {
        HasValue<?, ?> target = switch (fieldError.field()) {
            case "name" -> name;
            case "type" -> type;
            default -> fields.get(fieldError.field());
        };
        if (target instanceof com.vaadin.flow.component.HasValidation field) {
            field.setErrorMessage(fieldError.message());
            field.setInvalid(true);
        } else {
            error.setText(fieldError.field() + ": " + fieldError.message());
            error.setVisible(true);
        }
    }

    private void clearErrors() {
        error.setVisible(false);
        name.setInvalid(false);
        type.setInvalid(false);
        fields.values().forEach(f -> {
            if (f instanceof com.vaadin.flow.component.HasValidation v) v.setInvalid(false);
        });
    }
}
