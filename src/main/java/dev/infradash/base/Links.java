package dev.infradash.base;

import com.vaadin.flow.component.html.Anchor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Paths of the views that other slices link to, as strings: a card links to a server's detail
 * view without importing it, so the slices stay free of cycles. The router still handles the
 * click in the browser (no page load), as it does for every in-app link.
 */
public final class Links {

    /** The overview: the application's root. */
    public static final String OVERVIEW = "";
    public static final String LOGIN = "login";

    private Links() {
    }

    /** The detail view of one server; any id, encoded as one path segment. */
    public static String server(String id) {
        return "servers/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** An in-app link the router follows without a page load. */
    public static Anchor to(String path, String text) {
        Anchor anchor = new Anchor(path, text);
        anchor.getElement().setAttribute("router-link", true);
        return anchor;
    }
}
