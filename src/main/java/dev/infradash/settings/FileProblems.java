package dev.infradash.settings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.infradash.targets.ServerDefinition;
import dev.infradash.targets.ServerProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The rules servers in the file already break (a hand edit), one line per faulty server with a
 * way to fix or delete it. Other servers stay editable meanwhile: a change is checked against the
 * rest of the list, not the whole list against itself.
 */
class FileProblems extends Div {

    FileProblems() {
        setId("file-problems");
        addClassNames("banner", "outage-banner");
        setVisible(false);
    }

    void show(
            List<ServerDefinition> servers,
            List<ServerProblem> problems,
            Consumer<ServerDefinition> fix,
            Consumer<ServerDefinition> delete) {
        removeAll();
        setVisible(!problems.isEmpty());
        if (problems.isEmpty()) {
            return;
        }
        add(new Span("The targets file has " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + " that Infradash would not save (edited by hand?). Prometheus still scrapes these servers;"
                + " fix or delete them here. Other servers can be changed meanwhile."));
        Map<Integer, List<ServerProblem>> byServer = problems.stream()
                .collect(Collectors.groupingBy(ServerProblem::index, LinkedHashMap::new, Collectors.toList()));
        byServer.forEach((index, serverProblems) -> {
            ServerDefinition server = servers.get(index);
            String id = serverProblems.get(0).shortId();
            Span text = new Span("Server \"" + id + "\": "
                    + serverProblems.stream()
                            .map(p -> FieldLabels.describe(p.error(), server))
                            .collect(Collectors.joining("; ")));
            Button fixButton = new Button("Fix…", click -> fix.accept(server));
            fixButton.addThemeVariants(ButtonVariant.LUMO_SMALL);
            fixButton.getElement().setAttribute("data-fix", server.id());
            Button deleteButton = new Button("Delete…", click -> delete.accept(server));
            deleteButton.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            deleteButton.getElement().setAttribute("data-delete-faulty", server.id());
            HorizontalLayout line = new HorizontalLayout(text, fixButton, deleteButton);
            line.addClassName("file-problem");
            line.setAlignItems(HorizontalLayout.Alignment.BASELINE);
            add(line);
        });
    }
}
