package dev.infradash.fleet;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

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

    /** The targets file's error in full for admins only: it can quote the file (issue 12). */
    @GetMapping("/servers")
    FleetSnapshot servers(HttpServletRequest request) {
        FleetSnapshot snapshot = snapshots.current();
        return request.isUserInRole("ADMIN") ? snapshot : snapshot.forNonAdmins();
    }

    @GetMapping("/servers/{id}")
    ServerSnapshot server(@PathVariable String id) {
        return snapshots
                .current()
                .server(id)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "No server with id '" + id + "' in the current snapshot"));
    }
}
