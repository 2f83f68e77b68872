package dev.infradash.base;

import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.HttpStatusCode;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * A view the logged-in user's role may not open (a viewer typing /settings): a 403 inside the
 * layout that says so, instead of a bare framework message. Anonymous visitors never get here:
 * the navigation access control sends them to the login view first.
 */
@ParentLayout(MainLayout.class)
@AnonymousAllowed
public class AccessDeniedView extends ErrorPage implements HasErrorParameter<AccessDeniedException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        show("No access", "Your account may not open this page; an administrator can change your role.", event);
        return HttpStatusCode.FORBIDDEN.getCode();
    }
}
