package dev.infradash.base;

import com.vaadin.flow.component.html.Anchor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Paths of the views that other slices link to, as strings: a card links to a server's detail
 * view without importing it, so the slices stay free of cycles. The router still handles the
 * click in the browser (no page load), as it does for every in-app link.
 */
public final class Links {

    /** The overview: the application's root. */
    public static final String OVERVIEW = "";

    public static final String LOGIN = "login";
    /** Starts a route segment that holds a server id in base64url: see {@link #server}. */
    private static final String ENCODED_ID = "~";

    private Links() {}

    /**
     * The detail view of one server; any id, encoded as one path segment. Flow's client decodes the
     * path once before routing, so an id that would then be {@code .} or {@code ..}, or hold a
     * character that ends a segment or the path, is sent as {@code ~} and its base64url instead
     * (issue 12: the card of id {@code ../settings} opened Settings). Ids from the Settings form
     * never need that; only hand-edited files and Prometheus-only servers can.
     */
    public static String server(String id) {
        return "servers/"
                + URLEncoder.encode(routeSegment(id), StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The server id that {@link #server} put into the route parameter {@code segment}. */
    public static String serverId(String segment) {
        if (segment.startsWith(ENCODED_ID)) {
            try {
                return new String(
                        Base64.getUrlDecoder().decode(segment.substring(ENCODED_ID.length())), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return segment; // a hand-typed URL: no server has this id, and the view says so
            }
        }
        return segment;
    }

    private static String routeSegment(String id) {
        boolean plain = !id.isEmpty()
                && !id.equals(".")
                && !id.equals("..")
                && !id.startsWith(ENCODED_ID)
                && id.chars().noneMatch(c -> c == '/' || c == '\\' || c == '?' || c == '#');
        return plain
                ? id
                : ENCODED_ID
                        + Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    /** The alert list: firing, pending and silenced alerts now, and their history. */
    public static final String ALERTS = "alerts";

    /** The alert list filtered to one server. */
    public static String alerts(String serverId) {
        return ALERTS + "?server=" + URLEncoder.encode(serverId, StandardCharsets.UTF_8);
    }

    /**
     * The alert list with the dialog that silences the server open (its alerts, or one of them):
     * cards and the detail view offer it without importing the alerting slice.
     */
    public static String silenceServer(String serverId) {
        return alerts(serverId) + "&silence=1";
    }

    /** An in-app link the router follows without a page load. */
    public static Anchor to(String path, String text) {
        Anchor anchor = new Anchor(path, text);
        anchor.getElement().setAttribute("router-link", true);
        return anchor;
    }
}
