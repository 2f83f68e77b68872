package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: no favicon, not installable on a phone. The manifest, its icons, the service worker
 * and its offline page are public (a browser fetches them without the session), and fetching them first does not
 * become the page a login lands on.
 */
class InstallableAppTest extends SecuredApp {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theManifestAndItsIconsArePublic() throws Exception {
        get("/login"); // a browser always has a page before it asks for the manifest (Vaadin builds it then)
        HttpResponse<String> manifest = get("/manifest.webmanifest");
        assertThat(manifest.statusCode()).isEqualTo(200);
        JsonNode json = JSON.readTree(manifest.body());
        assertThat(json.path("name").asText()).isEqualTo("Infradash");
        assertThat(json.path("display").asText()).isEqualTo("standalone");
        assertThat(json.path("icons")).isNotEmpty();
        boolean has192 = false;
        boolean has512 = false;
        for (JsonNode icon : json.path("icons")) {
            String src = icon.path("src").asText();
            HttpResponse<byte[]> image = HTTP.send(
                    HttpRequest.newBuilder(uri("/" + src.replaceFirst("^/", "")))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(image.statusCode()).as(src).isEqualTo(200);
            assertThat(image.headers().firstValue("Content-Type")).as(src).hasValue("image/png");
            has192 |= icon.path("sizes").asText().equals("192x192");
            has512 |= icon.path("sizes").asText().equals("512x512");
        }
        assertThat(has192 && has512)
                .as("Chrome installs with a 192 and a 512 px icon")
                .isTrue();
        // the service worker only steps in for navigations while offline, with Vaadin's offline page
        assertThat(get("/sw.js").statusCode()).isEqualTo(200);
        assertThat(get("/offline-stub.html").statusCode()).isEqualTo(200);
    }

    @Test
    void theLoginPageLinksTheFaviconAndTheManifest() {
        String login = get("/login").body();
        assertThat(login).contains("rel=\"manifest\"").contains("rel=\"icon\"");
    }

    @Test
    void aLoginAfterTheBrowserFetchedTheManifestLandsOnTheApp() {
        HttpClient browser = browser();
        send(browser, HttpRequest.newBuilder(uri("/login")).build());
        send(browser, HttpRequest.newBuilder(uri("/manifest.webmanifest")).build());
        send(browser, HttpRequest.newBuilder(uri("/sw.js")).build());
        HttpResponse<String> login = postLogin(browser, "admin", ADMIN_PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location)
                        .doesNotContain("manifest")
                        .doesNotContain("sw.js")
                        .doesNotContain("icon"));
    }
}
