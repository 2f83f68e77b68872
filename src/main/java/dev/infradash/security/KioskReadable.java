package dev.infradash.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A read-only view that opens without login when {@code infradash.security.anonymous-read=true}
 * (kiosk mode): a conditional {@code @AnonymousAllowed}. Without kiosk mode the view's other access
 * annotation ({@code @PermitAll}, {@code @RolesAllowed}) decides alone, so put one on it too.
 * Only for views that show monitoring data, never for settings or user management.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface KioskReadable {}
