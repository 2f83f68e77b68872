package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import dev.infradash.base.AccessDeniedView;
import dev.infradash.base.MainLayout;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A refused or unknown address is a page of the app: inside the layout, with a way back and the
 * HTTP status a browser, a proxy or a link checker understands (issue 15: a bare "Could not
 * navigate" page answered 200).
 */
class ErrorPagesTest extends KaribuNavigation {

    @BeforeEach
    void viewer() {
        ensureUser("viewer", VIEWER_PASSWORD, Role.VIEWER);
    }

    @Test
    void aViewerTypingSettingsGetsNoAccessInsideTheLayout() {
        logIn("viewer", Role.VIEWER);
        assertThat(navigateTo("settings")).isInstanceOf(AccessDeniedView.class);
        AccessDeniedView view = (AccessDeniedView) UI.getCurrent().getCurrentView();
        assertThat(view.getParent()).get().isInstanceOf(MainLayout.class);
        assertThat(view.getElement().getTextRecursively()).contains("No access", "/settings", "Back to the overview");
    }

    @Test
    void theHttpStatusSaysWhatHappened() {
        HttpClient viewer = browser();
        postLogin(viewer, "viewer", VIEWER_PASSWORD);
        HttpResponse<String> refused =
                send(viewer, HttpRequest.newBuilder(uri("/settings")).build());
        assertThat(refused.statusCode()).isEqualTo(403);
        // the app's page all the same (its theme script): the browser draws the explanation inside
        // the layout, as the test above shows, once it runs the page
        assertThat(refused.body()).contains("infradash.theme");
        HttpResponse<String> unknown =
                send(viewer, HttpRequest.newBuilder(uri("/no-such-page")).build());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("infradash.theme");
        assertThat(send(viewer, HttpRequest.newBuilder(uri("/")).build()).statusCode())
                .isEqualTo(200);
        assertThat(send(viewer, HttpRequest.newBuilder(uri("/servers/any-id")).build())
                        .statusCode())
                .as("a route with a parameter is a page")
                .isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/settings")).build()).statusCode())
                .as("an anonymous visitor is sent to the login, not told 403")
                .isNotEqualTo(403);
    }
}
