package dev.infradash.alerting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.infradash.targets.MonitoredServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The add/edit form of one rule. It only collects values; {@link AlertRules} validates them and
 * the errors come back onto the fields they name.
 */
final class RuleDialog extends Dialog {

    private static final String ALL = "All servers";
    private static final String ROLE = "A role";
    private static final String SERVERS = "Chosen servers";

    final TextField name = new TextField("Name");
    final Select<RuleCondition> condition = new Select<>();
    final NumberField threshold = new NumberField("Threshold");
    final TextField lasting = new TextField("For");
    final Select<Severity> severity = new Select<>();
    final RadioButtonGroup<String> scopeKind = new RadioButtonGroup<>("Scope");
    final ComboBox<String> role = new ComboBox<>("Role");
    final MultiSelectComboBox<String> servers = new MultiSelectComboBox<>("Servers");
    final MultiSelectComboBox<ChannelDirectory.ChannelSummary> channels = new MultiSelectComboBox<>("Channels");
    final TextArea advanced = new TextArea("PromQL expression");
    final TextField service = new TextField("Service check (empty: every check)");
    final Checkbox enabled = new Checkbox("Enabled", true);
    final Span formError = new Span();
    private final Map<String, HasValidation> fieldsByName = new LinkedHashMap<>();

    /**
     * @param save called with the form as JSON and this dialog; it reports errors back through
     *             {@link #showErrors} or closes the dialog
     */
    RuleDialog(
            @Nullable AlertRule rule,
            List<MonitoredServer> knownServers,
            List<ChannelDirectory.ChannelSummary> knownChannels,
            Consumer<ObjectNode> save) {
        setHeaderTitle(rule == null ? "Add alert rule" : "Edit " + rule.name());
        condition.setLabel("Condition");
        condition.setItems(RuleCondition.values());
        condition.setItemLabelGenerator(c -> c.words() + (c.unit() == null ? "" : " (" + c.unit() + ")"));
        severity.setLabel("Severity");
        severity.setItems(Severity.values());
        severity.setItemLabelGenerator(Severity::key);
        lasting.setHelperText("e.g. 15s, 5m, 1h");
        scopeKind.setItems(ALL, ROLE, SERVERS);
        role.setItems(knownServers.stream()
                .map(MonitoredServer::role)
                .filter(r -> !r.isEmpty())
                .distinct()
                .toList());
        role.setAllowCustomValue(true);
        role.addCustomValueSetListener(event -> role.setValue(event.getDetail()));
        servers.setItems(knownServers.stream().map(MonitoredServer::id).toList());
        channels.setItems(knownChannels);
        channels.setItemLabelGenerator(c -> c.name() + " (" + c.type() + ")");
        channels.setHelperText("None chosen: every channel");
        formError.addClassName("form-error");
        // stable ids for browser tests: labels change with copy edits, ids do not
        name.setId("rule-name");
        condition.setId("rule-condition");
        threshold.setId("rule-threshold");
        lasting.setId("rule-for");
        severity.setId("rule-severity");
        scopeKind.setId("rule-scope");
        role.setId("rule-role");
        servers.setId("rule-servers");
        channels.setId("rule-channels");
        advanced.setId("rule-advanced");
        service.setId("rule-service");
        enabled.setId("rule-enabled");

        fieldsByName.putAll(Map.of(
                "name",
                name,
                "condition",
                condition,
                "threshold",
                threshold,
                "for",
                lasting,
                "severity",
                severity,
                "channels",
                channels,
                "advanced",
                advanced,
                "service",
                service));
        fill(rule, knownChannels);
        condition.addValueChangeListener(event -> showConditionFields());
        scopeKind.addValueChangeListener(event -> showScopeFields());
        showConditionFields();
        showScopeFields();

        FormLayout form = new FormLayout(
                name, condition, threshold, lasting, severity, scopeKind, role, servers, channels, advanced, service,
                enabled);
        add(new Div(formError), form);
        Button saveButton = new Button("Save", click -> save.accept(toJson()));
        saveButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        saveButton.setId("rule-save");
        Button cancel = new Button("Cancel", click -> close());
        cancel.setId("rule-cancel");
        getFooter().add(cancel, saveButton);
    }

    private void fill(@Nullable AlertRule rule, List<ChannelDirectory.ChannelSummary> knownChannels) {
        if (rule == null) {
            condition.setValue(RuleCondition.DOWN);
            severity.setValue(Severity.WARNING);
            lasting.setValue("5m");
            scopeKind.setValue(ALL);
            return;
        }
        name.setValue(rule.name());
        condition.setValue(rule.condition());
        if (rule.threshold() != null) {
            threshold.setValue(rule.threshold());
        }
        lasting.setValue(RuleExpressions.promDuration(rule.forDuration()));
        severity.setValue(rule.severity());
        switch (rule.scope().kind()) {
            case ALL -> scopeKind.setValue(ALL);
            case ROLE -> {
                scopeKind.setValue(ROLE);
                role.setValue(rule.scope().role());
            }
            case SERVERS -> {
                scopeKind.setValue(SERVERS);
                servers.setValue(rule.scope().serverIds());
            }
        }
        channels.setValue(knownChannels.stream()
                .filter(c -> rule.channels().contains(c.id()))
                .toList());
        advanced.setValue(rule.advanced() == null ? "" : rule.advanced());
        service.setValue(rule.service());
        enabled.setValue(rule.enabled());
    }

    private void showConditionFields() {
        RuleCondition chosen = condition.getValue();
        threshold.setVisible(chosen != null && chosen.takesThreshold());
        if (chosen != null && chosen.takesThreshold()) {
            threshold.setSuffixComponent(new Span(String.valueOf(chosen.unit())));
            threshold.setHelperText(
                    RuleExpressions.number(chosen.minimum()) + " to " + RuleExpressions.number(chosen.maximum()));
        }
        advanced.setVisible(chosen == RuleCondition.ADVANCED);
        service.setVisible(chosen == RuleCondition.SERVICE_DOWN || chosen == RuleCondition.CERTIFICATE_EXPIRY);
    }

    private void showScopeFields() {
        role.setVisible(ROLE.equals(scopeKind.getValue()));
        servers.setVisible(SERVERS.equals(scopeKind.getValue()));
    }

    ObjectNode toJson() {
        ObjectNode body = new ObjectMapper().createObjectNode();
        body.put("name", name.getValue().strip());
        RuleCondition chosen = condition.getValue();
        if (chosen != null) {
            body.put("condition", chosen.key());
            if (chosen.takesThreshold() && threshold.getValue() != null) {
                body.put("threshold", threshold.getValue());
            }
            if (chosen == RuleCondition.ADVANCED) {
                body.put("advanced", advanced.getValue());
            }
            if (service.isVisible() && !service.getValue().isBlank()) {
                body.put("service", service.getValue().strip());
            }
        }
        body.put("for", lasting.getValue().strip());
        if (severity.getValue() != null) {
            body.put("severity", severity.getValue().key());
        }
        if (ROLE.equals(scopeKind.getValue())) {
            body.putObject("scope").put("role", role.getValue() == null ? "" : role.getValue());
        } else if (SERVERS.equals(scopeKind.getValue())) {
            var ids = body.putObject("scope").putArray("servers");
            servers.getValue().forEach(ids::add);
        }
        var ids = body.putArray("channels");
        channels.getValue().forEach(c -> ids.add(c.id()));
        body.put("enabled", enabled.getValue());
        return body;
    }

    /** Puts each error on the field it names; "scope" lands on whichever scope field is shown. */
    void showErrors(List<RuleFieldError> errors) {
        fieldsByName.values().forEach(field -> field.setInvalid(false));
        role.setInvalid(false);
        servers.setInvalid(false);
        StringBuilder unplaced = new StringBuilder();
        for (RuleFieldError error : errors) {
            HasValidation field = error.field().equals("scope")
                    ? (servers.isVisible() ? servers : role)
                    : fieldsByName.get(error.field());
            if (field == null) {
                unplaced.append(error.field())
                        .append(": ")
                        .append(error.message())
                        .append(' ');
            } else {
                field.setErrorMessage(error.message());
                field.setInvalid(true);
            }
        }
        formError.setText(unplaced.toString().strip());
    }

    void showFormError(String message) {
        formError.setText(message);
    }
}
