package dev.infradash.security;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * An {@code /api/} path that no controller serves is a 404 problem+json. Without this, Vaadin's
 * catch-all mapping answered it with the app's HTML page and a 200 (issue 12), which a script
 * takes for success. The mapping is the least specific under /api, so every real endpoint wins.
 */
@RestController
class UnknownApiPaths {

    @RequestMapping({"/api", "/api/**"})
    void unknown() {
        throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No API endpoint at this path");
    }
}
