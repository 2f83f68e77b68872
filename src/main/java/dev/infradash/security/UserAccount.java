package dev.infradash.security;

/** A user as the settings view shows it: no password hash leaves the security package. */
public record UserAccount(String username, Role role) {}
