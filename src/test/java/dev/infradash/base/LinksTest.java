package dev.infradash.base;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.router.Location;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server link must reach that server's detail view, whatever its id: Flow's client decodes the
 * path once ({@code decodeURIComponent(pathname)}) before the router sees it, and a segment that is
 * then {@code .} or {@code ..}, or holds a slash, would lead elsewhere (issue 12: the card of id
 * {@code ../settings} opened Settings).
 */
class LinksTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "web-1",
                "a b",
                "100%",
                "ü-ß",
                "..",
                ".",
                "../settings",
                "a/b",
                "a\\b",
                "...",
                "~x",
                "%2E%2E",
                "?q=1#f",
                "..%2Fsettings"
            })
    void aServerLinkIsOneSegmentUnderServersAfterTheClientDecodesIt(String id) {
        String raw = Links.server(id);
        // what the browser resolves first (the URL standard counts %2e as a dot too)
        assertThat(raw.substring("servers/".length()).toLowerCase(java.util.Locale.ROOT))
                .isNotIn(".", "..", "%2e", "%2e%2e", ".%2e", "%2e.")
                .doesNotContain("/");
        String decoded = URLDecoder.decode(raw, StandardCharsets.UTF_8);
        List<String> segments = new Location(decoded).getSegments();

        assertThat(segments).hasSize(2).first().isEqualTo("servers");
        assertThat(segments.get(1)).isNotIn(".", "..").doesNotContain("/", "\\", "?", "#");
        assertThat(Links.serverId(segments.get(1))).as("the view's id").isEqualTo(id);
    }
}
