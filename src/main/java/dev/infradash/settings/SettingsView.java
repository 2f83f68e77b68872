package dev.infradash.settings;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;
import dev.infradash.audit.AuditTrail;
import dev.infradash.fleet.FleetSnapshotPublisher;
import dev.infradash.security.ApiTokenService;
import dev.infradash.security.UserService;
import dev.infradash.targets.Actor;
import dev.infradash.targets.ExporterDefinition;
import dev.infradash.targets.FieldError;
import dev.infradash.targets.ScrapeHealth;
import dev.infradash.targets.ServerDefinition;
import dev.infradash.targets.TargetFileStore;
import dev.infradash.targets.TargetStoreException;
import dev.infradash.targets.TargetsChangedException;
import dev.infradash.targets.UnparseableTargetsException;
import dev.infradash.targets.ValidationException;
import dev.infradash.targets.Versioned;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Admins edit the monitored servers here. Every save goes through {@link TargetFileStore}
 * (validated, atomic, refused when the list changed meanwhile) and then follows Prometheus until
 * it scrapes the change. The route is admin-only, and so is every write method of the store.
 */
@Route("settings")
@Menu(order = 1, icon = "vaadin:cog", title = "Settings")
@PageTitle("Settings · Infradash")
@RolesAllowed("ADMIN")
class SettingsView extends Div {

    private final TargetFileStore store;
    private final ScrapeHealth scrapeHealth;
    private final FleetSnapshotPublisher snapshots;
    private final Grid<ServerDefinition> servers = new Grid<>();
    private final AuditPanel auditPanel;
    private final Div fileError = new Div();
    private final FileProblems fileProblems = new FileProblems();
    private final Span pickup = new Span();
    private final Map<String, String> health = new HashMap<>();
    // set by reload() in onAttach, before any button that passes it to the store can be clicked
    @SuppressWarnings("NullAway.Init")
    private String version;

    private List<ServerDefinition> current = List.of();
    /** The server whose save we follow until Prometheus scrapes it; null when none. */
    private @Nullable String awaitingPickup;

    private FleetSnapshotPublisher.@Nullable Subscription subscription;

    SettingsView(
            TargetFileStore store,
            AuditTrail audit,
            ScrapeHealth scrapeHealth,
            FleetSnapshotPublisher snapshots,
            UserService users,
            ApiTokenService tokens,
            Clock clock) {
        this.store = store;
        this.auditPanel = new AuditPanel(audit);
        this.scrapeHealth = scrapeHealth;
        this.snapshots = snapshots;
        addClassName("settings");
        fileError.addClassNames("banner", "outage-banner");
        fileError.setVisible(false);
        pickup.addClassName("pickup-status");
        pickup.setId("pickup-status");

        Button add = new Button("Add server", VaadinIcon.PLUS.create(), click -> openForm(null));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setId("add-server");
        HorizontalLayout toolbar = new HorizontalLayout(new H2("Monitored servers"), add);
        toolbar.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        toolbar.setWidthFull();

        servers.addColumn(ServerDefinition::id).setHeader("Id").setAutoWidth(true);
        // a hand-edited 10,000-character name must not push every other column off screen
        servers.addColumn(s -> abbreviate(s.displayName())).setHeader("Name").setAutoWidth(true);
        servers.addColumn(ServerDefinition::role).setHeader("Role").setAutoWidth(true);
        servers.addComponentColumn(server -> ScrapeHealthText.exporterCell(server, health))
                .setHeader("Exporters · scrape health")
                .setFlexGrow(2);
        servers.addColumn(s -> s.extraLabels().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", ")))
                .setHeader("Labels");
        servers.addComponentColumn(this::actions)
                .setHeader("")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("actions");
        servers.setAllRowsVisible(true);
        servers.setId("servers-grid");

        Span file = new Span("Targets file: " + store.file());
        file.addClassName("settings-file");
        add(
                toolbar,
                file,
                fileError,
                fileProblems,
                pickup,
                servers,
                new UsersPanel(users),
                new TokensPanel(tokens, users, clock),
                auditPanel);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        reload();
        // every cycle: fresh scrape health (one shared read, off the UI thread)
        subscription = snapshots.subscribe(
                snapshot -> scrapeHealth.read().thenAccept(read -> ui.access(() -> showHealth(read))));
        scrapeHealth.read().thenAccept(read -> ui.access(() -> showHealth(read)));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        super.onDetach(event);
    }

    void reload() {
        try {
            Versioned<List<ServerDefinition>> loaded = store.load();
            version = loaded.version();
            current = loaded.value();
            fileError.setVisible(false);
        } catch (UnparseableTargetsException e) {
            version = e.version();
            current = List.of();
            showUnparseable(e);
        }
        fileProblems.show(current, store.problems(current), this::openForm, this::delete);
        servers.setItems(current);
        auditPanel.refresh();
    }

    private void showUnparseable(UnparseableTargetsException e) {
        fileError.removeAll();
        Button overwrite = new Button(
                "Replace it with an empty list…",
                click -> Confirmation.ask(
                        "Replace the targets file?",
                        "Infradash cannot read the file as it is (" + e.reason()
                                + "). Replacing it keeps a copy next to it as a backup.",
                        "Replace",
                        () -> run(
                                () -> store.save(List.of(), version, actor(), true),
                                "Targets file replaced; the broken one was kept as a backup")));
        overwrite.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        fileError.add(
                new Span("The targets file cannot be used: " + e.reason()
                        + " Infradash will not overwrite it unless you confirm. "),
                overwrite);
        fileError.setVisible(true);
    }

    private void openForm(@Nullable ServerDefinition existing) {
        new ServerForm(existing == null ? "Add server" : "Edit " + abbreviate(existing.id()), existing, definition -> {
                    try {
                        String newVersion = existing == null
                                ? store.add(definition, version, actor())
                                : store.update(existing.id(), definition, version, actor());
                        saved(newVersion, definition.id(), (existing == null ? "Added " : "Saved ") + definition.id());
                        return List.<FieldError>of();
                    } catch (ValidationException e) {
                        return e.errors();
                    } catch (TargetStoreException e) {
                        failed(e);
                        return List.of(new FieldError("", String.valueOf(e.getMessage())));
                    }
                })
                .open();
    }

    private void delete(ServerDefinition server) {
        Confirmation.ask(
                "Stop monitoring " + server.id() + "?",
                "Prometheus stops scraping its exporters; the history " + "it has already collected stays.",
                "Delete",
                () -> run(() -> store.delete(server.id(), version, actor()), "Deleted " + server.id()));
    }

    private void run(java.util.function.Supplier<String> write, String message) {
        try {
            saved(write.get(), null, message);
        } catch (TargetStoreException e) {
            failed(e);
        }
    }

    private void saved(String newVersion, @Nullable String serverId, String message) {
        version = newVersion;
        reload();
        awaitingPickup = serverId;
        pickup.setText(serverId == null ? message + "." : message + ". Waiting for Prometheus to pick it up…");
        Notification.show(message, 3000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    private void failed(TargetStoreException e) {
        Notification notification = new Notification();
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
        notification.setPosition(Notification.Position.MIDDLE);
        Span text = new Span(
                e instanceof TargetsChangedException
                        ? "The server list changed since you opened it. Nothing was saved."
                        : e.getMessage());
        Button reload = new Button("Reload", click -> {
            reload();
            notification.close();
        });
        reload.setId("reload-after-conflict");
        notification.add(new HorizontalLayout(text, reload));
        notification.setDuration(0);
        notification.open();
    }

    private void showHealth(ScrapeHealth.Snapshot read) {
        health.clear();
        for (ServerDefinition server : current) {
            for (ExporterDefinition exporter : server.exporters()) {
                health.put(
                        ScrapeHealthText.key(server.id(), exporter),
                        ScrapeHealthText.describe(read, server.id(), exporter));
            }
        }
        servers.getDataProvider().refreshAll();
        if (awaitingPickup != null) {
            current.stream()
                    .filter(s -> s.id().equals(awaitingPickup))
                    .findFirst()
                    .ifPresent(server -> {
                        ScrapeHealthText.Pickup progress = ScrapeHealthText.pickup(read, server);
                        pickup.setText(progress.text());
                        if (progress.scraped()) {
                            awaitingPickup = null;
                        }
                    });
        }
    }

    private HorizontalLayout actions(ServerDefinition server) {
        Button edit = new Button(VaadinIcon.EDIT.create(), click -> openForm(server));
        edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        edit.setAriaLabel("Edit " + server.id());
        edit.getElement().setAttribute("data-edit", server.id());
        Button delete = new Button(VaadinIcon.TRASH.create(), click -> delete(server));
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        delete.setAriaLabel("Delete " + server.id());
        delete.getElement().setAttribute("data-delete", server.id());
        return new HorizontalLayout(edit, delete);
    }

    /** Who is saving, for the audit log: the logged-in user and the client's address. */
    private static Actor actor() {
        VaadinRequest request = VaadinRequest.getCurrent();
        String user = request != null && request.getUserPrincipal() != null
                ? request.getUserPrincipal().getName()
                : "unknown";
        String address =
                VaadinSession.getCurrent() != null && VaadinSession.getCurrent().getBrowser() != null
                        ? VaadinSession.getCurrent().getBrowser().getAddress()
                        : "unknown";
        return new Actor(user, address);
    }

    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }
}
