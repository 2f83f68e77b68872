package dev.infradash.settings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;
import dev.infradash.targets.Actor;
import dev.infradash.targets.TargetStoreException;
import dev.infradash.targets.TargetsChangedException;

/** The settings view's side of a write: who writes (for the audit) and what a refused write says. */
final class StoreFailure {

    private StoreFailure() {}

    /** A write the store refused as a whole (a conflict, the disk): it stays until dismissed, with a reload. */
    /** @param e a {@link TargetStoreException} or a {@link TargetsChangedException} */
    static void show(RuntimeException e, Runnable reload) {
        Notification notification = new Notification();
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
        notification.setPosition(Notification.Position.MIDDLE);
        Span text = new Span(
                e instanceof TargetsChangedException
                        ? "The server list changed since you opened it. Nothing was saved."
                        : e.getMessage());
        Button again = new Button("Reload", click -> {
            reload.run();
            notification.close();
        });
        again.setId("reload-after-conflict");
        notification.add(new HorizontalLayout(text, again));
        notification.setDuration(0);
        notification.open();
    }

    /** Who is saving, for the audit log: the logged-in user and the client's address. */
    static Actor actor() {
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
}
