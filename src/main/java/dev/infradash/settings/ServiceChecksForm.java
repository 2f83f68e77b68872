package dev.infradash.settings;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.infradash.targets.ExpectedStatus;
import dev.infradash.targets.FieldError;
import dev.infradash.targets.ServiceCheck;
import dev.infradash.targets.ServiceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The service checks of the server form: one row per check (name, kind, target and the options
 * of its kind), added and removed in place. The store's validator judges them on save; its
 * {@code services[i].field} errors land on the row's field.
 */
class ServiceChecksForm extends Div {

    private final Div rows = new Div();
    private final List<ServiceRow> checks = new ArrayList<>();

    ServiceChecksForm() {
        addClassName("service-checks");
        Button add = new Button(
                "Add check",
                VaadinIcon.PLUS.create(),
                click -> addRow(new ServiceCheck("", ServiceKind.HTTP, "", "", false, "")));
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add.setId("add-service");
        add(new Span("Service checks (HTTP, TCP, ping, DNS through blackbox_exporter)"), rows, add);
    }

    void load(List<ServiceCheck> existing) {
        existing.forEach(this::addRow);
    }

    List<ServiceCheck> toDefinitions() {
        return checks.stream().map(ServiceRow::toDefinition).toList();
    }

    void clearErrors() {
        checks.forEach(ServiceRow::clearErrors);
    }

    /** Puts a {@code services[i].field} error on its field; false when the error is not a check's. */
    boolean showError(FieldError error) {
        String field = error.field();
        if (!field.startsWith("services[") || !field.contains("].")) {
            return false;
        }
        int index = Integer.parseInt(field.substring("services[".length(), field.indexOf(']')));
        HasValidation target =
                index < checks.size() ? checks.get(index).field(field.substring(field.indexOf("].") + 2)) : null;
        if (target == null) {
            return false;
        }
        target.setInvalid(true);
        target.setErrorMessage(error.message());
        return true;
    }

    private void addRow(ServiceCheck check) {
        ServiceRow row = new ServiceRow(check, this::removeRow);
        checks.add(row);
        rows.add(row);
    }

    private void removeRow(ServiceRow row) {
        checks.remove(row);
        rows.remove(row);
    }

    /** One check; the keyword, TLS and query inputs show only for the kind they apply to. */
    static final class ServiceRow extends Div {
        private final TextField name = new TextField("Check name");
        private final Select<ServiceKind> kind = new Select<>();
        private final TextField target = new TextField("Target");
        private final TextField keyword = new TextField("Body keyword (optional)");
        private final Checkbox selfSigned = new Checkbox("Accept a self-signed certificate");
        private final TextField dnsQuery = new TextField("Name to resolve");
        private final Select<ExpectedStatus> expectStatus = new Select<>();

        ServiceRow(ServiceCheck check, Consumer<ServiceRow> onRemove) {
            addClassName("service-row");
            name.addClassName("service-name");
            name.setValue(check.name() == null ? "" : check.name());
            kind.setLabel("Kind");
            kind.addClassName("service-kind");
            kind.setItems(ServiceKind.values());
            kind.setItemLabelGenerator(ServiceKind::label);
            kind.setValue(check.kind());
            target.addClassName("service-target");
            target.setValue(check.target() == null ? "" : check.target());
            keyword.addClassName("service-keyword");
            keyword.setValue(check.keyword());
            keyword.setHelperText("Also add it to http_keyword's regexp in blackbox.yml (blackbox_exporter 0.23"
                    + " has one body regexp for all checks)");
            selfSigned.addClassName("service-self-signed");
            selfSigned.setValue(check.acceptSelfSigned());
            dnsQuery.addClassName("service-dns-query");
            dnsQuery.setValue(check.dnsQuery());
            expectStatus.setLabel("Expected HTTP status");
            expectStatus.addClassName("service-expect-status");
            expectStatus.setItems(ExpectedStatus.values());
            expectStatus.setItemLabelGenerator(ExpectedStatus::description);
            expectStatus.setValue(check.expectStatus());
            expectStatus.setEmptySelectionAllowed(false);
            kind.addValueChangeListener(change -> showOptions());
            showOptions();
            Button remove = new Button(VaadinIcon.TRASH.create(), click -> onRemove.accept(this));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel("Remove check");
            add(name, kind, target, expectStatus, keyword, selfSigned, dnsQuery, remove);
        }

        private void showOptions() {
            ServiceKind k = kind.getValue();
            keyword.setVisible(k == ServiceKind.HTTP);
            selfSigned.setVisible(k == ServiceKind.HTTP);
            expectStatus.setVisible(k == ServiceKind.HTTP);
            dnsQuery.setVisible(k == ServiceKind.DNS);
            target.setPlaceholder(
                    k == null
                            ? ""
                            : switch (k) {
                                case HTTP -> "http://10.0.0.7:6333/healthz";
                                case TCP -> "10.0.0.7:22";
                                case ICMP -> "10.0.0.7";
                                case DNS -> "10.0.0.1:53";
                            });
        }

        /** What the row holds; options of another kind are dropped, not saved hidden. */
        ServiceCheck toDefinition() {
            ServiceKind k = kind.getValue();
            return new ServiceCheck(
                    name.getValue().strip(),
                    k,
                    target.getValue().strip(),
                    k == ServiceKind.HTTP ? keyword.getValue() : "",
                    k == ServiceKind.HTTP && selfSigned.getValue(),
                    k == ServiceKind.DNS ? dnsQuery.getValue().strip() : "",
                    k == ServiceKind.HTTP && expectStatus.getValue() != null
                            ? expectStatus.getValue()
                            : ExpectedStatus.SUCCESS);
        }

        @Nullable
        HasValidation field(String field) {
            return switch (field) {
                case "name" -> name;
                case "kind" -> kind;
                case "target" -> target;
                case "keyword" -> keyword;
                case "acceptSelfSigned" -> selfSigned;
                case "dnsQuery" -> dnsQuery;
                case "expectStatus" -> expectStatus;
                default -> null;
            };
        }

        void clearErrors() {
            for (HasValidation field : List.of(name, kind, target, keyword, selfSigned, dnsQuery, expectStatus)) {
                field.setInvalid(false);
            }
        }
    }
}
