package dev.infradash.settings;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.ValidationResult;
import dev.infradash.targets.ExporterDefinition;
import dev.infradash.targets.ExporterKind;
import dev.infradash.targets.FieldError;
import dev.infradash.targets.ServerDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Add or edit one server. Binder checks what a field can know alone as the user types; the
 * store's validator has the last word on save, and its field errors land inline on the fields.
 */
class ServerForm extends Dialog {

    /** What the form holds while it is edited: a mutable bean for Binder. */
    static final class Draft {
        String id = "";
        String displayName = "";
        String role = "";

        String getId() {
            return id;
        }

        void setId(String id) {
            this.id = id;
        }

        String getDisplayName() {
            return displayName;
        }

        void setDisplayName(String displayName) {
            this.displayName = displayName;
        }

        String getRole() {
            return role;
        }

        void setRole(String role) {
            this.role = role;
        }
    }

    private final TextField id = new TextField("Server id");
    private final TextField displayName = new TextField("Display name");
    private final TextField role = new TextField("Role");
    private final TextArea labels = new TextArea("Extra labels (name=value, one per line)");
    private final Div exporterRows = new Div();
    private final List<ExporterRow> exporters = new ArrayList<>();
    private final ServiceChecksForm services = new ServiceChecksForm();
    private final Span formError = new Span();
    private final Binder<Draft> binder = new Binder<>();
    private final Draft draft = new Draft();

    ServerForm(String title, @Nullable ServerDefinition existing, Function<ServerDefinition, List<FieldError>> onSave) {
        setHeaderTitle(title);
        addClassName("server-form");
        id.setId("server-id");
        String idHelp = "Lower-case letters, digits and '-'; the server label on every series";
        id.setHelperText(idHelp);
        IdChange.watch(id, existing == null ? null : existing.id(), idHelp);
        displayName.setId("server-display-name");
        role.setId("server-role");
        labels.setId("server-labels");
        binder.forField(id)
                .asRequired("Server id is required")
                .withValidator((value, context) -> value.matches("[a-z0-9][a-z0-9-]{0,62}")
                        ? ValidationResult.ok()
                        : ValidationResult.error(
                                "Use lower-case letters, digits and '-', starting with a letter or digit (at most 63)"))
                .bind(Draft::getId, Draft::setId);
        binder.forField(displayName)
                .asRequired("Display name is required")
                .bind(Draft::getDisplayName, Draft::setDisplayName);
        binder.forField(role).bind(Draft::getRole, Draft::setRole);

        if (existing != null) {
            draft.id = existing.id();
            draft.displayName = existing.displayName();
            draft.role = existing.role();
            existing.exporters().forEach(this::addExporter);
            services.load(existing.services());
            StringBuilder text = new StringBuilder();
            existing.extraLabels()
                    .forEach((name, value) ->
                            text.append(name).append('=').append(value).append('\n'));
            labels.setValue(text.toString().strip());
        } else {
            addExporter(new ExporterDefinition(ExporterKind.NODE, "", 9100));
        }
        binder.readBean(draft);

        Button addExporter = new Button(
                "Add exporter",
                VaadinIcon.PLUS.create(),
                click -> addExporter(new ExporterDefinition(ExporterKind.GPU, "", 9400)));
        addExporter.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        addExporter.setId("add-exporter");
        FormLayout form = new FormLayout(id, displayName, role);
        formError.addClassName("form-error");
        formError.setVisible(false);
        add(form, new Span("Exporters"), exporterRows, addExporter, labels, services, formError);

        String originalId = existing == null ? null : existing.id();
        Button save = new Button("Save", click -> {
            clearErrors();
            if (binder.writeBeanIfValid(draft)) {
                IdChange.confirmIfRenamed(originalId, draft.id, () -> save(onSave));
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("server-save");
        Button cancel = new Button("Cancel", click -> close());
        getFooter().add(cancel, save);
    }

    private void save(Function<ServerDefinition, List<FieldError>> onSave) {
        List<FieldError> errors = onSave.apply(toDefinition());
        if (errors.isEmpty()) {
            close();
        } else {
            showErrors(errors);
        }
    }

    private void addExporter(ExporterDefinition exporter) {
        ExporterRow row = new ExporterRow(exporter, this::removeExporter);
        exporters.add(row);
        exporterRows.add(row);
    }

    private void removeExporter(ExporterRow row) {
        exporters.remove(row);
        exporterRows.remove(row);
    }

    ServerDefinition toDefinition() {
        List<ExporterDefinition> list =
                exporters.stream().map(ExporterRow::toDefinition).toList();
        Map<String, String> extra = new LinkedHashMap<>();
        for (String line : labels.getValue().split("\n")) {
            if (!line.isBlank()) {
                int eq = line.indexOf('=');
                extra.put(eq < 0 ? line.strip() : line.substring(0, eq).strip(), eq < 0 ? "" : line.substring(eq + 1));
            }
        }
        return new ServerDefinition(draft.id, draft.displayName, draft.role, list, extra, services.toDefinitions());
    }

    private void clearErrors() {
        for (HasValidation field : List.of(id, displayName, role, labels)) {
            field.setInvalid(false);
        }
        exporters.forEach(ExporterRow::clearErrors);
        services.clearErrors();
        formError.setVisible(false);
    }

    /** Puts each of the validator's errors on the field it names; the rest under the form. */
    void showErrors(List<FieldError> errors) {
        List<String> unplaced = new ArrayList<>();
        for (FieldError error : errors) {
            String field = error.field();
            HasValidation target = switch (field) {
                case "id" -> id;
                case "displayName" -> displayName;
                case "role" -> role;
                default -> null;
            };
            if (target == null && field.startsWith("exporters[") && field.contains("].")) {
                int index = Integer.parseInt(field.substring("exporters[".length(), field.indexOf(']')));
                if (index < exporters.size()) {
                    target = exporters.get(index).field(field.substring(field.indexOf("].") + 2));
                }
            }
            if (target == null && services.showError(error)) {
                continue;
            }
            if (target == null && field.startsWith("extraLabels")) {
                target = labels;
            }
            if (target != null) {
                target.setInvalid(true);
                target.setErrorMessage(error.message());
            } else {
                unplaced.add(error.message());
            }
        }
        formError.setText(String.join(" ", unplaced));
        formError.setVisible(!unplaced.isEmpty());
    }

    /** One exporter: kind, host, port, scheme, path. */
    static final class ExporterRow extends Div {
        private final Select<ExporterKind> kind = new Select<>();
        private final TextField host = new TextField("Host");
        private final IntegerField port = new IntegerField("Port");
        private final Select<String> scheme = new Select<>();
        private final TextField path = new TextField("Metrics path");

        ExporterRow(ExporterDefinition exporter, java.util.function.Consumer<ExporterRow> onRemove) {
            addClassName("exporter-row");
            kind.setLabel("Kind");
            kind.setItems(ExporterKind.values());
            kind.setItemLabelGenerator(ExporterKind::label);
            kind.setValue(exporter.kind());
            host.setValue(exporter.host());
            host.addClassName("exporter-host");
            port.setValue(exporter.port());
            port.addClassName("exporter-port");
            scheme.setLabel("Scheme");
            scheme.setItems("http", "https");
            scheme.setValue(exporter.scheme());
            path.setValue(exporter.metricsPath());
            Button remove = new Button(VaadinIcon.TRASH.create(), click -> onRemove.accept(this));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel("Remove exporter");
            add(kind, host, port, scheme, path, remove);
        }

        ExporterDefinition toDefinition() {
            return new ExporterDefinition(
                    kind.getValue(),
                    host.getValue().strip(),
                    port.getValue() == null ? 0 : port.getValue(),
                    scheme.getValue(),
                    path.getValue());
        }

        @Nullable
        HasValidation field(String name) {
            return switch (name) {
                case "kind" -> kind;
                case "host" -> host;
                case "port" -> port;
                case "scheme" -> scheme;
                case "metricsPath" -> path;
                default -> null;
            };
        }

        void clearErrors() {
            for (HasValidation field : List.of(kind, host, port, scheme, path)) {
                field.setInvalid(false);
            }
        }
    }
}
