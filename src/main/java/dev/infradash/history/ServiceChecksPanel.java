package dev.infradash.history;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import dev.infradash.base.Texts;
import dev.infradash.fleet.ServiceState;
import java.util.List;
import java.util.Locale;

/**
 * The detail view's service checks, from the snapshot (no query of its own): per check its state,
 * response time, HTTP status, 24 h uptime and the days its TLS certificate has left, with a
 * warning under {@link ServiceState#CERT_WARNING_DAYS} days. Hidden for a server without checks.
 */
class ServiceChecksPanel extends Div {

    private final Div rows = new Div();

    ServiceChecksPanel() {
        addClassName("service-checks-panel");
        add(new H3("Service checks"), rows);
        setVisible(false);
    }

    void show(List<ServiceState> services) {
        setVisible(!services.isEmpty());
        List<String> shown = rows.getChildren()
                .map(row -> row.getElement().getAttribute("data-service"))
                .toList();
        if (!shown.equals(services.stream().map(ServiceState::name).toList())) {
            rows.removeAll();
            services.forEach(s -> rows.add(row(s.name())));
        }
        for (int i = 0; i < services.size(); i++) {
            fill((Div) rows.getComponentAt(i), services.get(i));
        }
    }

    private static Div row(String name) {
        Div row = new Div(new Span(), new Span(), new Span());
        row.addClassName("service-check");
        row.getElement().setAttribute("data-service", name);
        return row;
    }

    private static void fill(Div row, ServiceState s) {
        Span title = (Span) row.getComponentAt(0);
        Span state = (Span) row.getComponentAt(1);
        Span facts = (Span) row.getComponentAt(2);
        Texts.set(title, s.name() + " (" + s.kind() + ") " + s.target());
        Texts.set(state, s.up() == null ? "not probed yet" : s.up() ? "UP" : "DOWN");
        Texts.theme(state.getElement().getThemeList(), "badge");
        Texts.theme(
                state.getElement().getThemeList(),
                s.up() == null ? "contrast" : s.up() ? "success" : "error",
                "contrast",
                "success",
                "error");
        StringBuilder text = new StringBuilder();
        if (s.latencyMs() != null) {
            text.append(String.format(Locale.ROOT, "%.0f ms", s.latencyMs()));
        }
        if (s.statusCode() != null && s.statusCode() > 0) {
            text.append(" · HTTP ").append(s.statusCode());
        }
        if (s.uptime24hPercent() != null) {
            text.append(String.format(Locale.ROOT, " · uptime 24 h %.2f %%", s.uptime24hPercent()))
                    .append(" (of the samples Prometheus holds)");
        }
        if (s.certExpiresInDays() != null) {
            text.append(String.format(Locale.ROOT, " · TLS certificate: %.0f days left", s.certExpiresInDays()));
            if (s.certExpiring()) {
                text.append(" — renew it (under ")
                        .append(ServiceState.CERT_WARNING_DAYS)
                        .append(" days)");
            }
        }
        if (s.problem() != null) {
            text.append(" · ").append(s.problem());
        }
        Texts.set(facts, text.toString().replaceFirst("^ · ", ""));
        row.setClassName("cert-warning", s.certExpiring());
        row.setClassName("service-down", s.down());
    }
}
