package dev.infradash.security;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A Karibu UI backed by the real Spring context of {@link SecuredApp}: views come from Spring and
 * every navigation passes the app's own NavigationAccessControl, as in the running app.
 */
abstract class KaribuNavigation extends SecuredApp {

    @Autowired
    ApplicationContext context;

    @BeforeEach
    void setUpVaadin() {
        Routes routes = dev.infradash.testsupport.KaribuRoutes.discover("dev.infradash");
        MockVaadin.setup(UI::new, new MockSpringServlet(routes, context, UI::new));
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }

    /** Logs in the way the filter chain would leave it: security context and servlet request. */
    static void logIn(String username, Role role) {
        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                username, null, AuthorityUtils.createAuthorityList("ROLE_" + role.name()));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        FakeRequest request = (FakeRequest) ((VaadinServletRequest) VaadinServletRequest.getCurrent()).getRequest();
        request.setUserPrincipalInt(authentication);
        request.setUserInRole((principal, name) -> name.equals(role.name()));
    }

    static Component navigateTo(String path) {
        int query = path.indexOf('?');
        if (query < 0) {
            UI.getCurrent().navigate(path);
        } else {
            UI.getCurrent().navigate(path.substring(0, query), QueryParameters.fromString(path.substring(query + 1)));
        }
        return UI.getCurrent().getCurrentView();
    }

    /** A denial shows the app's own access-denied view (inside the layout, HTTP 403). */
    static void assertDenied(String path) {
        org.assertj.core.api.Assertions.assertThat(navigateTo(path))
                .isInstanceOf(dev.infradash.base.AccessDeniedView.class);
    }
}
