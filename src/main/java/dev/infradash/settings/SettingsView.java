package dev.infradash.settings;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
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
import dev.infradash.audit.AuditTrail;
import dev.infradash.fleet.FleetSnapshotPublisher;
import dev.infradash.security.ApiTokenService;
import dev.infradash.security.UserService;
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
import java.util.List;
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
    private final AuditPanel auditPanel;
    private final Div fileError = new Div();
    private final FileProblems fileProblems = new FileProblems();
    private final Span pickup = new Span();
    private final ServerFilter filter = new ServerFilter(this::showServers);
    private final Span noMatch = new Span();
    private final Div unreadable = new Div();
    private final NarrowScreen narrow = new NarrowScreen();
    private final ServersGrid servers = new ServersGrid(narrow, this::openForm, this::delete);
    private final Button addServer = new Button("Add server", VaadinIcon.PLUS.create(), click -> openForm(null));
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

        addServer.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        addServer.setId("add-server");
        HorizontalLayout toolbar = new HorizontalLayout(new H2("Monitored servers"), addServer);
        toolbar.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        toolbar.setWidthFull();

        noMatch.setId("no-server-match");
        noMatch.addClassName("empty-note");
        noMatch.setVisible(false);
        unreadable.setId("servers-unreadable");
        unreadable.addClassName("empty-note");
        unreadable.setVisible(false);
        UsersPanel usersPanel = new UsersPanel(users);
        TokensPanel tokensPanel = new TokensPanel(tokens, users, clock);
        usersPanel.adapt(narrow);
        tokensPanel.adapt(narrow);
        auditPanel.adapt(narrow);

        Span file = new Span("Targets file: " + store.file());
        file.addClassName("settings-file");
        add(
                toolbar,
                file,
                fileError,
                fileProblems,
                pickup,
                filter,
                servers,
                noMatch,
                unreadable,
                usersPanel,
                tokensPanel,
                auditPanel);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        narrow.attach(ui);
        reload();
        // every cycle: fresh scrape health (one shared read, off the UI thread)
        subscription = snapshots.subscribe(
                snapshot -> scrapeHealth.read().thenAccept(read -> ui.access(() -> showHealth(read))));
        scrapeHealth.read().thenAccept(read -> ui.access(() -> showHealth(read)));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        narrow.detach();
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
            unreadable.setVisible(false);
        } catch (UnparseableTargetsException e) {
            version = e.version();
            current = List.of();
            showUnparseable(e);
        }
        boolean readable = !fileError.isVisible();
        servers.setVisible(readable);
        filter.setVisible(readable);
        addServer.setEnabled(readable);
        fileProblems.show(current, store.problems(current), this::openForm, this::delete);
        showServers();
        auditPanel.refresh();
    }

    /** The list as the filter leaves it, and a line instead of an empty grid when nothing matches. */
    private void showServers() {
        List<ServerDefinition> shown = filter.apply(current);
        servers.setItems(shown);
        noMatch.setText("No server matches \u201c"
                + ServersGrid.abbreviate(filter.getValue().strip()) + "\u201d.");
        noMatch.setVisible(servers.isVisible() && shown.isEmpty() && !current.isEmpty());
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
                                () -> store.save(List.of(), version, StoreFailure.actor(), true),
                                "Targets file replaced; the broken one was kept as a backup")));
        overwrite.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        fileError.add(
                new Span("The targets file cannot be used: " + e.reason()
                        + " Infradash will not overwrite it unless you confirm. "),
                overwrite);
        fileError.setVisible(true);
        // no blank grid: say why the list is missing and what still runs (issue 15)
        unreadable.setText("The server list cannot be shown or edited while the targets file is broken."
                + " Prometheus keeps scraping the servers it read from the file before it broke."
                + " Fix the file at the place named above, or replace it with an empty list"
                + " (the broken file is then kept as a backup).");
        unreadable.setVisible(true);
    }

    private void openForm(@Nullable ServerDefinition existing) {
        new ServerForm(
                        existing == null ? "Add server" : "Edit " + ServersGrid.abbreviate(existing.id()),
                        existing,
                        definition -> {
                            try {
                                String newVersion = existing == null
                                        ? store.add(definition, version, StoreFailure.actor())
                                        : store.update(existing.id(), definition, version, StoreFailure.actor());
                                saved(
                                        newVersion,
                                        definition.id(),
                                        (existing == null ? "Added " : "Saved ") + definition.id());
                                return List.<FieldError>of();
                            } catch (ValidationException e) {
                                return e.errors();
                            } catch (TargetStoreException | TargetsChangedException e) {
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
                () -> run(() -> store.delete(server.id(), version, StoreFailure.actor()), "Deleted " + server.id()));
    }

    private void run(java.util.function.Supplier<String> write, String message) {
        try {
            saved(write.get(), null, message);
        } catch (TargetStoreException | TargetsChangedException e) {
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

    private void failed(RuntimeException e) {
        StoreFailure.show(e, this::reload);
    }

    private void showHealth(ScrapeHealth.Snapshot read) {
        servers.showHealth(read, current);
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
}
