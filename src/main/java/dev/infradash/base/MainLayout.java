package dev.infradash.base;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;

/**
 * The shell around every view: title, navigation, the light/dark switch, and who is logged in.
 * Error pages ({@link NotFoundView}, {@link AccessDeniedView}) are shown inside it too.
 * {@code @Layout} puts every route in it (the login view opts out); the navigation lists the
 * views that declare a {@code @Menu}, so the layout imports no feature. The layout itself
 * shows nothing protected, so anyone may have it: each view inside it is checked on its own.
 */
@Layout
@AnonymousAllowed
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext authentication) {
        Span title = new Span("Infradash");
        title.addClassName("app-title");
        Button themeToggle = new Button(VaadinIcon.ADJUST.create(), click -> toggleTheme());
        themeToggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        themeToggle.setAriaLabel("Switch light/dark theme");
        themeToggle.setId("theme-toggle");
        HorizontalLayout navbar = new HorizontalLayout(new DrawerToggle(), title, themeToggle);
        addAccountControls(navbar, authentication);
        navbar.setWidthFull();
        navbar.setAlignItems(FlexComponent.Alignment.CENTER);
        navbar.expand(title);
        navbar.addClassName("navbar");
        addToNavbar(navbar);

        SideNav nav = new SideNav();
        // Each slice's view declares its own entry (@Menu); entries the user may not open are left out.
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            nav.addItem(new SideNavItem(entry.title(), entry.path(), new Icon(entry.icon())));
        }
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
        setDrawerOpened(false);
    }

    /** The user name and Logout; in kiosk mode an anonymous visitor gets a way to log in instead. */
    private static void addAccountControls(HorizontalLayout navbar, AuthenticationContext authentication) {
        if (authentication.isAuthenticated()) {
            Span user = new Span(authentication.getPrincipalName().orElse(""));
            user.setId("current-user");
            user.addClassName("current-user");
            Button logout = new Button("Log out", VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
            logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            logout.setId("logout");
            navbar.add(user, logout);
        } else {
            Button login = new Button(
                    "Log in",
                    VaadinIcon.SIGN_IN.create(),
                    click -> click.getSource().getUI().ifPresent(ui -> ui.navigate(Links.LOGIN)));
            login.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            login.setId("login");
            navbar.add(login);
        }
    }

    /** The choice is the browser's (see {@link BrowserTheme}): remembered there, not in the session. */
    private static void toggleTheme() {
        UI.getCurrent().getPage().executeJs(BrowserTheme.toggleScript());
    }
}
