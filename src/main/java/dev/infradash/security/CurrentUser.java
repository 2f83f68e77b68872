package dev.infradash.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who the current request belongs to, for views that show admin actions. Showing is all it
 * decides: every write path checks the live role again on the server ({@link LiveRoles}).
 */
public final class CurrentUser {

    private CurrentUser() {}

    /** True when the request's user logged in with the ADMIN role. Ask it in a request thread. */
    public static boolean isAdmin() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        return user != null
                && user.getAuthorities().stream().anyMatch(role -> "ROLE_ADMIN".equals(role.getAuthority()));
    }
}
