package dev.infradash.base;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.HasDynamicTitle;

/**
 * What the two error views share: a heading, one sentence and a way back, inside the
 * application's layout (navigation, theme switch and account stay), so a refused or mistyped
 * address is a page of the app rather than a bare framework message.
 */
abstract class ErrorPage extends Div implements HasDynamicTitle {

    private static final int SHOWN_PATH_LENGTH = 80;

    private String title = "Infradash";

    ErrorPage() {
        addClassName("error-view");
    }

    /** Fills the page; the path is what the user typed, shown shortened and as text only. */
    void show(String heading, String explanation, BeforeEnterEvent event) {
        removeAll();
        title = heading + " · Infradash";
        H2 header = new H2(heading);
        header.setId("error-heading");
        String path = "/" + event.getLocation().getPath();
        Paragraph where =
                new Paragraph(path.length() <= SHOWN_PATH_LENGTH ? path : path.substring(0, SHOWN_PATH_LENGTH) + "…");
        where.addClassName("error-path");
        Anchor back = Links.to(Links.OVERVIEW, "Back to the overview");
        back.setId("error-back");
        add(header, where, new Paragraph(explanation), back);
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
