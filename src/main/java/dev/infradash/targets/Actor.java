package dev.infradash.targets;

import java.util.Objects;

/**
 * Who makes a change, for the audit log.
 *
 * @param clientAddress the remote address as the web layer sees it (may be a proxy's)
 */
public record Actor(String username, String clientAddress) {

    public Actor {
        Objects.requireNonNull(username, "username");
        clientAddress = clientAddress == null ? "unknown" : clientAddress;
    }
}
