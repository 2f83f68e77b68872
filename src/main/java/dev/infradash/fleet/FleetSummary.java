package dev.infradash.fleet;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.infradash.base.Links;
import dev.infradash.base.Texts;
import java.util.ArrayList;
import java.util.List;

/**
 * One line over the cards that counts the whole fleet (up, down, unknown, firing alerts) and
 * links the servers that are down or alerting: with hundreds of servers only a page of cards is
 * drawn, and a problem further down must still show at a glance.
 */
class FleetSummary extends Div {

    /** More problem links than this read as noise; the counts still say how many there are. */
    static final int MAX_LINKS = 10;

    private final Span counts = new Span();
    private final Div problems = new Div();
    private List<String> linked = List.of();

    FleetSummary() {
        addClassName("fleet-summary");
        setId("fleet-summary");
        counts.addClassName("fleet-counts");
        problems.addClassName("fleet-problems");
        add(counts, problems);
    }

    void show(FleetSnapshot snapshot) {
        List<ServerSnapshot> servers = snapshot.servers();
        setVisible(!servers.isEmpty());
        if (servers.isEmpty()) {
            return;
        }
        int up = 0, down = 0, unknown = 0, alerting = 0;
        List<ServerSnapshot> attention = new ArrayList<>();
        for (ServerSnapshot server : servers) {
            switch (server.health()) {
                case UP -> up++;
                case DOWN -> down++;
                case UNKNOWN -> unknown++;
            }
            boolean firing = server.alerts().stream().anyMatch(ServerAlert::firing);
            if (firing) {
                alerting++;
            }
            if (server.health() == Health.DOWN || firing) {
                attention.add(server);
            }
        }
        StringBuilder text = new StringBuilder()
                .append(servers.size())
                .append(servers.size() == 1 ? " server" : " servers")
                .append(" · ")
                .append(up)
                .append(" up · ")
                .append(down)
                .append(" down");
        if (unknown > 0) {
            text.append(" · ").append(unknown).append(" unknown");
        }
        text.append(" · ").append(alerting).append(" with firing alerts");
        Texts.set(counts, text.toString());
        setClassName("has-problems", !attention.isEmpty());
        showProblems(attention);
    }

    /** Rebuilt only when the set of problem servers changes, not every cycle. */
    private void showProblems(List<ServerSnapshot> attention) {
        List<String> ids = attention.stream()
                .limit(MAX_LINKS)
                .map(server -> server.id() + "\u0000" + server.displayName() + "\u0000" + server.health())
                .toList();
        if (ids.equals(linked)) {
            return;
        }
        linked = ids;
        problems.removeAll();
        problems.setVisible(!attention.isEmpty());
        if (attention.isEmpty()) {
            return;
        }
        problems.add(new Span("Needs attention: "));
        for (ServerSnapshot server : attention.subList(0, Math.min(MAX_LINKS, attention.size()))) {
            Anchor link = Links.to(
                    Links.server(server.id()),
                    server.displayName() + (server.health() == Health.DOWN ? " (down)" : " (alert)"));
            link.addClassName("problem-link");
            link.getElement().setAttribute("data-problem", server.id());
            problems.add(link);
        }
        if (attention.size() > MAX_LINKS) {
            problems.add(new Span("and " + (attention.size() - MAX_LINKS) + " more"));
        }
    }
}
