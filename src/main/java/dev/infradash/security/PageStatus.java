package dev.infradash.security;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import com.vaadin.flow.server.communication.IndexHtmlResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * The HTTP status of a page request, decided from the route table and the view's access rules
 * before any view is built.
 *
 * <p>Views are built only once a browser runs the page ({@code vaadin.eagerServerLoad} is off).
 * Building the first view on the page request itself, as that setting did, made every bare GET of
 * a page (a link preview, a load balancer's health check, curl, Chromium's install check, a
 * flood) leave a view behind, subscribed to the collector and redrawn every cycle for nobody,
 * until its session ended: each {@code GET /} attached one more view, and an overview of 500
 * servers holds ~0.5 MB, so in kiosk mode the 1,000 anonymous sessions allowed could hold more
 * than the container's heap. The error views had relied on it for their status (issue 15: an
 * unknown address answered 200), so the status is set here: 404 for an address no view has, 403
 * for a signed-in user the view refuses. An anonymous visitor refused a view is not told 403:
 * the browser then shows the login, as navigation does.
 */
@org.springframework.stereotype.Component
class PageStatus implements VaadinServiceInitListener {

    private final boolean anonymousRead;
    private final AccessAnnotationChecker access = new AccessAnnotationChecker();

    PageStatus(SecurityProperties properties) {
        this.anonymousRead = properties.anonymousRead();
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.addIndexHtmlRequestListener(this::setStatus);
    }

    private void setStatus(IndexHtmlResponse page) {
        int status = status(page.getVaadinRequest());
        if (status != HttpServletResponse.SC_OK) {
            page.getVaadinResponse().setStatus(status);
        }
    }

    int status(VaadinRequest request) {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        Optional<Class<? extends Component>> view =
                RouteConfiguration.forApplicationScope().getRoute(path.startsWith("/") ? path.substring(1) : path);
        if (view.isEmpty()) {
            return HttpServletResponse.SC_NOT_FOUND;
        }
        if (request.getUserPrincipal() == null) {
            return HttpServletResponse.SC_OK;
        }
        boolean allowed = (anonymousRead && view.get().isAnnotationPresent(KioskReadable.class))
                || access.hasAccess(view.get(), request.getUserPrincipal(), request::isUserInRole);
        return allowed ? HttpServletResponse.SC_OK : HttpServletResponse.SC_FORBIDDEN;
    }
}
