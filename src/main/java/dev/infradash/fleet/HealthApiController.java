package dev.infradash.fleet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/health}: the same answer as /actuator/health, at the API's address. As there, only
 * admins see the components and their details (Prometheus URL, disk paths, the targets file's
 * error); anyone else, the container health check too, gets the status.
 */
@RestController
class HealthApiController {

    /** The role (as the servlet request knows it) that management.endpoint.health.roles names too. */
    private static final String ADMIN = "ADMIN";

    private final HealthEndpoint health;

    HealthApiController(HealthEndpoint health) {
        this.health = health;
    }

    @GetMapping(path = "/api/health", produces = "application/json")
    ResponseEntity<?> health(HttpServletRequest request) {
        HealthComponent component = health.health();
        Status status = component.getStatus();
        boolean down = Status.DOWN.equals(status) || Status.OUT_OF_SERVICE.equals(status);
        return ResponseEntity.status(down ? 503 : 200)
                .body(request.isUserInRole(ADMIN) ? component : Map.of("status", status.getCode()));
    }
}
