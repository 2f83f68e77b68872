package dev.infradash.security;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The role a user has NOW, from the user store, for write paths: a session keeps the authorities
 * it logged in with, so a demoted or deleted admin's session still says ADMIN. Write paths ask
 * {@code @PreAuthorize("hasRole('ADMIN') and @liveRoles.isAdmin(authentication)")}.
 */
@Component("liveRoles")
public class LiveRoles {

    private final UserStore store;

    LiveRoles(UserStore store) {
        this.store = store;
    }

    /** True only while the authenticated user exists in the store with the ADMIN role. */
    public boolean isAdmin(Authentication authentication) {
        return authentication != null
                && authentication.isAuthenticated()
                && store.find(authentication.getName())
                        .map(user -> user.role() == Role.ADMIN)
                        .orElse(false);
    }
}
