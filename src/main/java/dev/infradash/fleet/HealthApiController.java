package dev.infradash.fleet;

import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/health}: the same answer as /actuator/health, at the API's address. */
@RestController
class HealthApiController {

    private final HealthEndpoint health;

    HealthApiController(HealthEndpoint health) {
        this.health = health;
    }

    @GetMapping(path = "/api/health", produces = "application/json")
    ResponseEntity<HealthComponent> health() {
        HealthComponent component = health.health();
        Status status = component.getStatus();
        boolean down = Status.DOWN.equals(status) || Status.OUT_OF_SERVICE.equals(status);
        return ResponseEntity.status(down ? 503 : 200).body(component);
    }
}
