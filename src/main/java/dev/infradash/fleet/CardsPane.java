package dev.infradash.fleet;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import dev.infradash.base.Texts;
import dev.infradash.base.UiProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The overview's cards, a page at a time ({@link OverviewProperties#pageSize()}); the next page
 * comes when the "show more" button scrolls near the viewport, or is pressed. Each card costs
 * server memory and push bytes in every open tab, so a tab holds the cards of the loaded pages
 * only.
 *
 * <p>Cards are reused by position: the n-th card shows the n-th server of the selection, whichever
 * server that is. A search keystroke or a filter change therefore rebinds the cards on the page
 * (texts, values and links change) instead of building new ones and replacing the grid's children:
 * building ~40 elements per card and sending every card of the page in full again made each
 * keystroke cost the server and the browser a whole page of new cards (issue 15). So the list
 * only grows at its end (a next page) or shrinks at its end (fewer matches), and the order in
 * the browser cannot go wrong: moving each existing card to the end in one round trip once left
 * the browser showing the first page reversed. Role headings are the exception: when they move,
 * the children are replaced in one go (the same card objects, no new ones).
 */
class CardsPane extends Div {

    private final UiProperties thresholds;
    private final RecentTrends trends;
    private final TargetFacts facts;
    private final Div grid = new Div();
    private final Button more = new Button();
    /** The page's cards in order; the n-th shows the n-th server of the selection. */
    private final List<ServerCard> cards = new ArrayList<>();

    private final Map<String, Div> headings = new HashMap<>();
    private final int pageSize;
    /** Admins get each card's "Silence…" link; known once the view is attached. */
    private boolean admin;

    private int limit;
    private Runnable onMore = () -> {};

    CardsPane(UiProperties thresholds, RecentTrends trends, TargetFacts facts, int pageSize) {
        this.thresholds = thresholds;
        this.trends = trends;
        this.facts = facts;
        this.pageSize = pageSize;
        this.limit = pageSize;
        addClassName("cards-pane");
        grid.addClassName("server-grid");
        more.addClassName("show-more");
        more.setId("show-more");
        more.addThemeVariants(ButtonVariant.LUMO_CONTRAST);
        more.setVisible(false);
        more.addClickListener(click -> onMore.run());
        add(grid, more);
    }

    /** What to do when the button is pressed (by hand or by its observer). */
    void onMore(Runnable action) {
        this.onMore = action;
    }

    Button moreButton() {
        return more;
    }

    int limit() {
        return limit;
    }

    void nextPage() {
        limit += pageSize;
    }

    /** At least {@code count} cards, rounded up to whole pages: what a tab had loaded before Back. */
    void restore(int count) {
        limit = Math.max(pageSize, (count + pageSize - 1) / pageSize * pageSize);
    }

    /** Back to one page, e.g. when the filter changes: the matches come first anyway. */
    void firstPage() {
        limit = pageSize;
    }

    /** Drops every card: the table is shown instead, and cards cost memory per tab. */
    void clear() {
        grid.removeAll();
        cards.clear();
        headings.clear();
        more.setVisible(false);
    }

    void show(List<ServerSnapshot> selection, boolean groupByRole, @Nullable Instant now, boolean reachable) {
        List<ServerSnapshot> page = selection.subList(0, Math.min(limit, selection.size()));
        List<Component> wanted = new ArrayList<>();
        Set<String> roles = new HashSet<>();
        String lastRole = null;
        for (int i = 0; i < page.size(); i++) {
            ServerSnapshot server = page.get(i);
            if (groupByRole && !server.role().equals(lastRole)) {
                lastRole = server.role();
                roles.add(lastRole);
                wanted.add(headings.computeIfAbsent(lastRole, CardsPane::heading));
            }
            if (i == cards.size()) {
                cards.add(new ServerCard(server.id(), thresholds, admin));
            }
            ServerCard card = cards.get(i);
            card.show(server, now, reachable);
            card.showTrend(trends.of(server.id()));
            card.showFacts(
                    NodelessSummary.applies(server) ? NodelessSummary.text(server, facts.of(server.id())) : null);
            wanted.add(card);
        }
        cards.subList(page.size(), cards.size()).clear(); // fewer matches: the page's cards only
        headings.keySet().retainAll(roles);
        arrange(wanted);
        int hidden = selection.size() - page.size();
        more.setVisible(hidden > 0);
        if (hidden > 0) {
            Texts.set(
                    more,
                    "Show " + Math.min(pageSize, hidden) + " more (" + page.size() + " of " + selection.size()
                            + " servers shown)");
        }
    }

    private void arrange(List<Component> wanted) {
        List<Component> present = grid.getChildren().toList();
        if (present.equals(wanted)) {
            return;
        }
        if (present.size() < wanted.size() && wanted.subList(0, present.size()).equals(present)) {
            grid.add(wanted.subList(present.size(), wanted.size()).toArray(Component[]::new));
            return;
        }
        if (present.size() > wanted.size() && present.subList(0, wanted.size()).equals(wanted)) {
            grid.remove(present.subList(wanted.size(), present.size()).toArray(Component[]::new));
            return;
        }
        grid.removeAll();
        grid.add(wanted.toArray(Component[]::new));
    }

    private static Div heading(String role) {
        Div heading = new Div(new H2(role.isEmpty() ? "No role" : role));
        heading.addClassName("role-heading");
        heading.getElement().setAttribute("data-role", role);
        return heading;
    }

    /** Whether the cards offer admin actions; cards made for the other answer are made again. */
    void setAdmin(boolean admin) {
        if (this.admin != admin) {
            this.admin = admin;
            cards.clear();
            grid.removeAll();
        }
    }
}
