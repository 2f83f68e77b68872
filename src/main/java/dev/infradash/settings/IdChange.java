package dev.infradash.settings;

import com.vaadin.flow.component.textfield.TextField;
import org.jspecify.annotations.Nullable;

/**
 * A server's id is the {@code server} label of every series Prometheus has stored for it, so
 * renaming it starts a new history and leaves the old one under the old id (issue 15: this
 * happened silently). The form warns as soon as the id differs and asks before saving.
 */
final class IdChange {

    static final String WARNING_CLASS = "id-change-warning";

    private IdChange() {}

    /** Shows the warning under the id field while it holds another id than {@code original}. */
    static void watch(TextField id, @Nullable String original, String normalHelp) {
        if (original == null) {
            return;
        }
        id.addValueChangeListener(change -> {
            boolean renamed = !original.equals(change.getValue());
            id.setHelperText(renamed ? warning(original) : normalHelp);
            id.getElement().getClassList().set(WARNING_CLASS, renamed);
        });
    }

    static String warning(String original) {
        return "Changing the id starts a new history: what Prometheus recorded for \"" + abbreviate(original)
                + "\" stays under the old id and is no longer shown for this server.";
    }

    /** Saves at once when the id is unchanged; otherwise only after the admin confirms. */
    static void confirmIfRenamed(@Nullable String original, String id, Runnable save) {
        if (original == null || original.equals(id)) {
            save.run();
            return;
        }
        Confirmation.ask(
                "Change the id from \"" + abbreviate(original) + "\" to \"" + abbreviate(id) + "\"?",
                warning(original) + " Dashboards and alerts that name the old id need the new one.",
                "Change id and save",
                save);
    }

    private static String abbreviate(String text) {
        return text.length() <= 63 ? text : text.substring(0, 63) + "…";
    }
}
