package dev.infradash.settings;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.infradash.base.Format;
import dev.infradash.security.ApiToken;
import dev.infradash.security.ApiTokenService;
import dev.infradash.security.UserAccount;
import dev.infradash.security.UserService;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * API tokens for scripts: an admin creates one for a user, sees its secret once in a dialog, and
 * can revoke any token. The service checks everything; a refusal lands on the field it names.
 */
class TokensPanel extends Div {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** A validity choice; {@code days} 0 is "never expires". */
    private record Validity(String label, int days) {
        @Nullable
        Duration duration() {
            return days == 0 ? null : Duration.ofDays(days);
        }
    }

    private static final List<Validity> VALIDITIES = List.of(
            new Validity("30 days", 30),
            new Validity("90 days", 90),
            new Validity("1 year", 365),
            new Validity("Never expires", 0));

    private final ApiTokenService tokens;
    private final UserService users;
    private final Clock clock;
    private final Grid<ApiToken.Summary> grid = new Grid<>();
    private final Select<String> owner = new Select<>();
    private final TextField name = new TextField("Token name");
    private final Select<ApiToken.Scope> scope = new Select<>();
    private final Select<Validity> validity = new Select<>();

    private final Grid.Column<ApiToken.Summary> narrowSummary;
    private final List<Grid.Column<ApiToken.Summary>> wideColumns;

    TokensPanel(ApiTokenService tokens, UserService users, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
        addClassName("tokens-panel");
        narrowSummary = grid.addComponentColumn(token -> {
                    Span title = new Span(token.name());
                    title.addClassName("summary-title");
                    Span detail = new Span(token.owner() + " · " + token.scope() + " · expires "
                            + (token.expiresAt() == null ? "never" : DATE.format(token.expiresAt())));
                    detail.addClassName("summary-detail");
                    Div cell = new Div(title, detail);
                    cell.addClassName("summary-cell");
                    return cell;
                })
                .setHeader("Token")
                .setFlexGrow(1);
        wideColumns = List.of(
                grid.addColumn(ApiToken.Summary::name).setHeader("Token").setAutoWidth(true),
                grid.addColumn(ApiToken.Summary::owner).setHeader("User").setAutoWidth(true),
                grid.addColumn(ApiToken.Summary::scope).setHeader("Scope").setAutoWidth(true),
                grid.addColumn(token -> token.expiresAt() == null ? "never" : DATE.format(token.expiresAt()))
                        .setHeader("Expires")
                        .setAutoWidth(true),
                grid.addColumn(token ->
                                token.lastUsed() == null ? "never" : Format.age(token.lastUsed(), clock.instant()))
                        .setHeader("Last used")
                        .setAutoWidth(true));
        grid.addComponentColumn(this::revokeButton).setHeader("").setFlexGrow(0).setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.setId("tokens-grid");

        owner.setLabel("For user");
        owner.setId("token-owner");
        name.setId("token-name");
        name.setPlaceholder("e.g. ansible inventory");
        scope.setLabel("Scope");
        scope.setItems(ApiToken.Scope.values());
        scope.setValue(ApiToken.Scope.READ);
        scope.setId("token-scope");
        validity.setLabel("Valid for");
        validity.setItems(VALIDITIES);
        validity.setItemLabelGenerator(Validity::label);
        validity.setValue(VALIDITIES.get(1));
        validity.setId("token-validity");
        Button create = new Button("Create token", VaadinIcon.KEY.create(), click -> create());
        create.setId("create-token");
        HorizontalLayout form = new HorizontalLayout(owner, name, scope, validity, create);
        form.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        form.getStyle().set("flex-wrap", "wrap");
        add(
                new H2("API tokens"),
                new Paragraph("Scripts send a token as \"Authorization: Bearer <token>\". "
                        + "A token never has more rights than its user has now."),
                grid,
                form);
        refresh();
    }

    private void create() {
        for (HasValidation field : new HasValidation[] {owner, name, scope, validity}) {
            field.setInvalid(false);
        }
        try {
            ApiTokenService.Created created = tokens.create(
                    owner.getValue(),
                    name.getValue().strip(),
                    scope.getValue(),
                    validity.getValue() == null ? null : validity.getValue().duration());
            name.clear();
            showOnce(created);
        } catch (ApiTokenService.InvalidTokenRequest refused) {
            HasValidation field = switch (refused.field()) {
                case "owner" -> owner;
                case "scope" -> scope;
                case "validity" -> validity;
                default -> name;
            };
            field.setErrorMessage(refused.getMessage());
            field.setInvalid(true);
        }
        refresh();
    }

    /** The secret, once: it is stored only as a hash, so nobody can show it again. */
    private void showOnce(ApiTokenService.Created created) {
        TextField secret = new TextField("Token for " + created.token().owner());
        secret.setValue(created.secret());
        secret.setReadOnly(true);
        secret.setWidthFull();
        secret.setId("new-token-secret");
        Dialog dialog = new Dialog(new Paragraph("Copy it now: it will not be shown again."), secret);
        dialog.setHeaderTitle("Token \u201c" + created.token().name() + "\u201d created");
        dialog.getFooter().add(new Button("Done", click -> dialog.close()));
        dialog.setWidth("36em");
        dialog.open();
    }

    private Button revokeButton(ApiToken.Summary token) {
        Button revoke = new Button(
                VaadinIcon.TRASH.create(),
                click -> Confirmation.ask(
                        "Revoke this token?",
                        "Scripts using \u201c" + token.name() + "\u201d (" + token.owner()
                                + ") are refused from now on.",
                        "Revoke",
                        () -> {
                            tokens.revoke(token.id());
                            refresh();
                        }));
        revoke.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        revoke.setAriaLabel("Revoke " + token.name());
        revoke.getElement().setAttribute("data-revoke-token", token.id());
        return revoke;
    }

    private void refresh() {
        grid.setItems(tokens.list());
        String chosen = owner.getValue();
        owner.setItems(users.list().stream().map(UserAccount::username).toList());
        owner.setValue(chosen);
    }

    /** On a phone: one column with the token's name, user, scope and expiry, and the revoke button. */
    void adapt(NarrowScreen screen) {
        screen.narrowOnly(narrowSummary);
        wideColumns.forEach(column -> screen.onChange(narrow -> column.setVisible(!narrow)));
    }
}
