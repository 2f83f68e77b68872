package dev.infradash.security;

/** What a user may do: VIEWER reads the dashboard and the API, ADMIN also manages users and settings. */
public enum Role {
    ADMIN,
    VIEWER;

    /** The Spring Security authority, as {@code hasRole('ADMIN')} and {@code @RolesAllowed("ADMIN")} expect it. */
    String authority() {
        return "ROLE_" + name();
    }
}
