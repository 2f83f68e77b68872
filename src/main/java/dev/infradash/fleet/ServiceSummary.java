package dev.infradash.fleet;

import com.vaadin.flow.component.html.Span;
import dev.infradash.base.Texts;
import java.util.List;

/**
 * A card's service checks in one line, "services 4/5 · down: qdrant", in the problem colour when
 * one is down; each check's state is in the tooltip. Hidden for a server without checks.
 */
class ServiceSummary extends Span {

    ServiceSummary() {
        addClassName("service-summary");
        setVisible(false);
    }

    /** Shows the checks and returns whether one is down (the card takes the problem colour). */
    boolean show(List<ServiceState> services) {
        setVisible(!services.isEmpty());
        if (services.isEmpty()) {
            return false;
        }
        long up = services.stream().filter(s -> Boolean.TRUE.equals(s.up())).count();
        List<String> down = services.stream()
                .filter(ServiceState::down)
                .map(ServiceState::name)
                .toList();
        boolean certWarning = services.stream().anyMatch(ServiceState::certExpiring);
        Texts.set(
                this,
                "services " + up + "/" + services.size()
                        + (down.isEmpty() ? "" : " · down: " + String.join(", ", down))
                        + (certWarning ? " · certificate expiring" : ""));
        Texts.theme(getElement().getThemeList(), "badge");
        Texts.theme(
                getElement().getThemeList(),
                !down.isEmpty() ? "error" : certWarning ? "warning" : up == services.size() ? "success" : "contrast",
                "error",
                "warning",
                "success",
                "contrast");
        getElement().setAttribute("data-down", String.join(",", down));
        getElement()
                .setAttribute(
                        "title",
                        String.join(
                                "\n",
                                services.stream().map(ServiceSummary::line).toList()));
        return !down.isEmpty();
    }

    private static String line(ServiceState s) {
        String state = s.up() == null ? "not probed yet" : s.up() ? "up" : "DOWN";
        String latency = s.latencyMs() == null ? "" : String.format(" · %.0f ms", s.latencyMs());
        String problem = s.problem() == null ? "" : " · " + s.problem();
        return s.name() + " (" + s.kind() + "): " + state + latency + problem;
    }
}
