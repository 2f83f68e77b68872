package dev.infradash.alerting;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Admins manage where alerts go: the channels with their last delivery status, add / edit /
 * delete, and Send test. Thin: everything is {@link ChannelService}. Reading the status asks
 * Alertmanager, so it runs off the UI thread and lands through {@code UI.access}.
 */
@Route("alerting/channels")
@Menu(order = 2, icon = "vaadin:bell", title = "Notifications")
@PageTitle("Notifications · Infradash")
@RolesAllowed("ADMIN")
class NotificationsView extends Div {

    private final ChannelService service;
    private final Grid<ChannelService.ChannelInfo> grid = new Grid<>();
    private final Paragraph status = new Paragraph();

    NotificationsView(ChannelService service) {
        this.service = service;
        addClassName("notifications-view");
        Button add = new Button("Add channel", e -> new ChannelDialog(service, null, this::refresh).open());
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setId("add-channel");
        Button reload = new Button("Refresh status", e -> refresh());
        grid.addColumn(ChannelService.ChannelInfo::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(c -> ChannelType.of(c.type()).map(ChannelType::label).orElse(c.type()))
                .setHeader("Type")
                .setAutoWidth(true);
        grid.addColumn(c -> c.settings().entrySet().stream()
                        .filter(e -> !e.getValue().isEmpty())
                        .map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining(", ")))
                .setHeader("Settings")
                .setFlexGrow(1);
        grid.addComponentColumn(NotificationsView::delivery)
                .setHeader("Last delivery")
                .setFlexGrow(1);
        grid.addComponentColumn(this::actions).setHeader("").setKey("actions").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.setId("channels-grid");
        add(
                new H2("Notification channels"),
                new Paragraph("Alerts go to every channel unless a rule names its channels. Secrets are"
                        + " never shown again after saving; leave them blank when editing to keep them."),
                new HorizontalLayout(add, reload),
                status,
                grid);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        refresh();
    }

    private static Span delivery(ChannelService.ChannelInfo channel) {
        DeliveryStatus.Delivery d = channel.delivery();
        Span span = new Span(switch (d.state()) {
                    case "ok" -> "Delivered";
                    case "failed" -> "Failed: ";
                    default -> "Nothing sent yet";
                }
                + (d.state().equals("failed") ? d.message() : ""));
        span.addClassName("delivery-" + d.state());
        if (d.state().equals("failed")) span.getStyle().set("color", "var(--lumo-error-text-color)");
        return span;
    }

    private HorizontalLayout actions(ChannelService.ChannelInfo channel) {
        Button edit = new Button("Edit", e -> new ChannelDialog(service, channel, this::refresh).open());
        Button test = new Button("Send test", e -> sendTest(channel));
        Button delete = new Button("Delete", e -> confirmDelete(channel));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        return new HorizontalLayout(edit, test, delete);
    }

    /**
     * In the request, not in the background: the audit record needs the admin and the address,
     * and posting one alert to Alertmanager is bounded by its client's timeouts, like a save.
     */
    private void sendTest(ChannelService.ChannelInfo channel) {
        try {
            service.sendTest(channel.id(), null);
            status.setText("Test handed to Alertmanager: " + channel.name() + " should receive it within seconds."
                    + " Refresh the status to see whether it was delivered.");
        } catch (RuntimeException failure) {
            status.setText("The test could not be sent: " + failure.getMessage());
        }
    }

    private void confirmDelete(ChannelService.ChannelInfo channel) {
        ConfirmDialog confirm = new ConfirmDialog(
                "Delete " + channel.name() + "?", "Alerts will no longer be sent to this channel.", "Delete", e -> {
                    try {
                        service.delete(channel.id(), channel.version()); // refused when changed since shown
                    } catch (RuntimeException failure) {
                        status.setText("Not deleted: " + failure.getMessage());
                    }
                    refresh();
                });
        confirm.setCancelable(true);
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    private void refresh() {
        UI ui = UI.getCurrent();
        CompletableFuture.supplyAsync(service::list)
                .whenComplete((channels, failure) -> ui.access(() -> {
                    if (failure != null) {
                        status.setText("Could not read the channels: " + rootMessage(failure));
                        return;
                    }
                    grid.setItems(channels == null ? List.of() : channels);
                    service.configStatus().ifPresent(text -> status.setText("Alertmanager: " + text));
                }));
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return String.valueOf(cause.getMessage());
    }
}
