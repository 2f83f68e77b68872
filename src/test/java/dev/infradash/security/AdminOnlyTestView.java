package dev.infradash.security;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** Stands in for the coming settings view: the same access annotation, nothing else. */
@Route("admin-only-test")
@RolesAllowed("ADMIN")
public class AdminOnlyTestView extends Div {}
