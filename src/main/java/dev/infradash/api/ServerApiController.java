package dev.infradash.api;

import dev.infradash.metrics.FleetSnapshot;
import dev.infradash.metrics.FleetSnapshotPublisher;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fleet as JSON, straight from the collector's latest snapshot: serving it costs no
 * Prometheus request, however often it is polled.
 */
@RestController
@RequestMapping(path = "/api", produces = "application/json")
class ServerApiController {

    private final FleetSnapshotPublisher snapshots;

    ServerApiController(FleetSnapshotPublisher snapshots) {
        this.snapshots = snapshots;
    }

    @GetMapping("/servers")
    FleetSnapshot servers() {
        return snapshots.current();
    }
}
