package dev.infradash.security;

import com.vaadin.flow.server.auth.AccessCheckResult;
import com.vaadin.flow.server.auth.AnnotatedViewAccessChecker;
import com.vaadin.flow.server.auth.NavigationAccessChecker;
import com.vaadin.flow.server.auth.NavigationContext;

/**
 * Vaadin's annotation checker plus kiosk mode. It replaces, rather than joins, the annotation
 * checker: two checkers voting ALLOW and DENY for the same view would be a "mixed consensus" that
 * Vaadin rejects. Spring Security asks the same checker whether a URL is a public route, so the
 * HTTP layer and the navigation layer cannot disagree about a kiosk view.
 */
final class KioskViewAccessChecker implements NavigationAccessChecker {

    private final boolean anonymousRead;
    private final AnnotatedViewAccessChecker annotations;

    KioskViewAccessChecker(boolean anonymousRead, AnnotatedViewAccessChecker annotations) {
        this.anonymousRead = anonymousRead;
        this.annotations = annotations;
    }

    @Override
    public AccessCheckResult check(NavigationContext context) {
        if (anonymousRead && context.getNavigationTarget().isAnnotationPresent(KioskReadable.class)) {
            return context.allow();
        }
        return annotations.check(context);
    }
}
