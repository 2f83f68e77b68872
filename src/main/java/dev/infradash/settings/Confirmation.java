package dev.infradash.settings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;

/** Asks before a change that cannot be undone (delete a server, revoke a token). */
final class Confirmation {

    private Confirmation() {}

    static void ask(String title, String text, String action, Runnable onConfirm) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(title);
        dialog.add(new Span(text));
        Button yes = new Button(action, click -> {
            dialog.close();
            onConfirm.run();
        });
        yes.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        yes.setId("confirm-action");
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), yes);
        dialog.open();
    }
}
