package dev.infradash.history;

import com.vaadin.flow.component.html.Div;
import dev.infradash.fleet.FleetSnapshot;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The banner above a server's history when what it shows is not current: Prometheus is
 * unreachable (the charts hold data up to its last answer), or the server left the targets file
 * (its history stays in Prometheus).
 */
class OutageBanner extends Div {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    OutageBanner() {
        addClassName("banner");
        addClassName("outage-banner");
        setVisible(false);
    }

    void serverRemoved() {
        setText("This server is no longer monitored: it was removed from the targets file. "
                + "Its history stays in Prometheus.");
        setVisible(true);
    }

    /** Shows Prometheus' outage, or hides the banner once the server is back in a good snapshot. */
    void show(FleetSnapshot snapshot, String serverId, ZoneId zone) {
        if (!snapshot.prometheus().reachable()) {
            Instant last = snapshot.prometheus().lastSuccess();
            setText("Prometheus unreachable — showing data up to "
                    + (last == null ? "nothing yet" : TIME.format(last.atZone(zone))) + ". "
                    + snapshot.prometheus().error());
            setVisible(true);
        } else if (snapshot.server(serverId).isPresent()) {
            setVisible(false);
        }
    }
}
