package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A page requested without a browser to run it (a health check, a link preview, curl, Chromium's
 * install check, a flood) builds no view. With the first view built on the page request
 * ({@code vaadin.eagerServerLoad}), each such GET left a view attached and subscribed to the
 * collector until its session ended; at 500 servers an overview holds ~0.5 MB, and kiosk mode
 * allows 1,000 anonymous sessions.
 */
class BarePageRequestsTest extends KaribuNavigation {

    @Autowired
    MeterRegistry registry;

    private double attachedViews() {
        return registry.get("infradash.ui.attached").gauge().value();
    }

    @Test
    void pageRequestsWithoutABrowserLeaveNoViewSubscribed() {
        ensureUser("viewer", VIEWER_PASSWORD, Role.VIEWER);
        HttpClient viewer = browser();
        postLogin(viewer, "viewer", VIEWER_PASSWORD);
        double before = attachedViews();

        for (String path : List.of("/", "/", "/alerts", "/servers/web-1")) {
            assertThat(send(viewer, HttpRequest.newBuilder(uri(path)).build()).statusCode())
                    .as(path)
                    .isEqualTo(200);
        }

        assertThat(attachedViews())
                .as("views attached after 4 bare page requests")
                .isEqualTo(before);
    }
}
