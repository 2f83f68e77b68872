package dev.infradash.fleet;

import com.vaadin.flow.component.html.Span;

/**
 * CPU and memory of the last 15 minutes as one small inline SVG (two polylines). Built on the
 * server as a string: no web component to upgrade, a few hundred bytes per card, pushed only when
 * it changed. Flow creates elements in the HTML namespace, so the SVG goes in as markup; it holds
 * only numbers the server formatted, never text from a user.
 */
class Sparkline extends Span {

    private String markup = "";

    Sparkline() {
        addClassName("sparkline");
        getElement().setAttribute("aria-hidden", "true");
        setVisible(false);
    }

    void show(RecentTrends.Trend trend) {
        String next = svg(trend);
        if (!next.equals(markup)) {
            markup = next;
            getElement().setProperty("innerHTML", next);
            setVisible(!next.isEmpty());
        }
    }

    static String svg(RecentTrends.Trend trend) {
        if (trend.samples() < 2) {
            return "";
        }
        return "<svg viewBox=\"0 0 " + RecentTrends.Trend.WIDTH + " " + RecentTrends.Trend.HEIGHT
                + "\" preserveAspectRatio=\"none\">"
                + "<title>CPU and memory, last 15 minutes</title>"
                + "<polyline class=\"spark-cpu\" points=\"" + trend.cpuPoints() + "\"/>"
                + "<polyline class=\"spark-memory\" points=\"" + trend.memoryPoints() + "\"/></svg>";
    }
}
