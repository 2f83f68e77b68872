package dev.infradash.fleet;

import dev.infradash.prometheus.AlertmanagerClient;
import dev.infradash.prometheus.AlertmanagerException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The cycle's read of Alertmanager: its alerts and silences, two requests per cycle whatever the
 * number of viewers, so every card, the alert list and the REST API show the same silences
 * without asking Alertmanager themselves.
 */
@Component
public class AlertmanagerReader {

    private static final Logger log = LoggerFactory.getLogger(AlertmanagerReader.class);
    /** The key under which an unreachable Alertmanager shows in {@link FleetSnapshot#failedQueries()}. */
    public static final String ALERTMANAGER = "alertmanager";

    private final AlertmanagerClient alertmanager;
    private volatile boolean failing;

    public AlertmanagerReader(AlertmanagerClient alertmanager) {
        this.alertmanager = alertmanager;
    }

    /**
     * What Alertmanager silences now; {@link AlertSilencing#NONE} (alerts shown unsilenced) when it
     * cannot answer, with the reason put into {@code failures}: the cycle publishes all the same.
     */
    public AlertSilencing read(Map<String, String> failures) {
        try {
            AlertSilencing silencing = new AlertSilencing(alertmanager.alerts(), alertmanager.silences());
            if (failing) {
                log.info("Alertmanager at {} answers again", alertmanager.baseUrl());
                failing = false;
            }
            return silencing;
        } catch (AlertmanagerException e) {
            if (!failing) {
                log.warn("Alertmanager unreachable, alerts are shown unsilenced: {}", e.getMessage());
                failing = true;
            }
            failures.put(ALERTMANAGER, String.valueOf(e.getMessage()));
            return AlertSilencing.NONE;
        }
    }
}
