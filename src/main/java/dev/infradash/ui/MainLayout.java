package dev.infradash.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.theme.lumo.Lumo;

/** The shell around every view: title, navigation, and the light/dark switch. */
public class MainLayout extends AppLayout {

    private static final String DARK_THEME_ATTRIBUTE = "infradash.dark";

    public MainLayout() {
        Span title = new Span("Infradash");
        title.addClassName("app-title");
        Button themeToggle = new Button(VaadinIcon.ADJUST.create(), click -> toggleTheme());
        themeToggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        themeToggle.setAriaLabel("Switch light/dark theme");
        themeToggle.setId("theme-toggle");
        HorizontalLayout navbar = new HorizontalLayout(new DrawerToggle(), title, themeToggle);
        navbar.setWidthFull();
        navbar.setAlignItems(FlexComponent.Alignment.CENTER);
        navbar.expand(title);
        navbar.addClassName("navbar");
        addToNavbar(navbar);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Overview", OverviewView.class, VaadinIcon.DASHBOARD.create()));
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
        setDrawerOpened(false);
        applyTheme(Boolean.TRUE.equals(VaadinSession.getCurrent().getAttribute(DARK_THEME_ATTRIBUTE)));
    }

    private void toggleTheme() {
        boolean dark = !Boolean.TRUE.equals(VaadinSession.getCurrent().getAttribute(DARK_THEME_ATTRIBUTE));
        VaadinSession.getCurrent().setAttribute(DARK_THEME_ATTRIBUTE, dark);
        applyTheme(dark);
    }

    private static void applyTheme(boolean dark) {
        UI ui = UI.getCurrent();
        if (dark) {
            ui.getElement().getThemeList().add(Lumo.DARK);
        } else {
            ui.getElement().getThemeList().remove(Lumo.DARK);
        }
    }
}
