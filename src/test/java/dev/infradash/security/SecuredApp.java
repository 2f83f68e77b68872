package dev.infradash.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole app on a random port with login required, no Prometheus (the collector's failures
 * do not matter here), a fresh data directory, and users {@code admin} and {@code viewer}.
 * Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability // /actuator/prometheus is switched off in tests unless asked
// The shared context's tests log in wrongly and call the API from one address far more often than
// a person would. Not a dynamic property: those would win over RateLimitTest's own budgets.
@TestPropertySource(
        properties = {
            "infradash.security.rate-limit.api-per-minute=100000",
            "infradash.security.rate-limit.login-failures-per-minute=100000"
        })
abstract class SecuredApp {

    static final String ADMIN_PASSWORD = "admin-password-for-tests";
    static final String VIEWER_PASSWORD = "viewer-password-for-tests";
    static final HttpClient HTTP =
            HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private static final Path DIR = tempDir();

    @LocalServerPort
    int port;

    @Autowired
    UserService users;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("vaadin.devmode.devTools.enabled", () -> "false");
        registry.add("infradash.prometheus.url", () -> "http://127.0.0.1:9");
        registry.add("infradash.targets.file", () -> DIR.resolve("targets.json").toString());
        registry.add("infradash.refresh-interval", () -> "1h");
        registry.add("infradash.data.dir", () -> DIR.resolve("data").toString());
        registry.add(
                "infradash.alerting.rule-file",
                () -> DIR.resolve("rules/infradash-managed.yml").toString());
        registry.add("infradash.security.admin-password", () -> ADMIN_PASSWORD);
    }

    /** Creates a user unless it exists, as an admin would; the context (and its users) is shared. */
    void ensureUser(String username, String password, Role role) {
        asUser("admin", Role.ADMIN, () -> {
            if (users.list().stream().noneMatch(user -> user.username().equals(username))) {
                users.create(username, password, role);
            }
        });
    }

    static void asUser(String username, Role role, Runnable action) {
        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                username, null, AuthorityUtils.createAuthorityList("ROLE_" + role.name()));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            action.run();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).build());
    }

    HttpResponse<String> get(String path, String username, String password) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", basic(username, password))
                .build());
    }

    static String basic(String username, String password) {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> send(HttpRequest request) {
        return send(HTTP, request);
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A client that keeps cookies, as a browser does. */
    static HttpClient browser() {
        return HttpClient.newBuilder()
                .proxy(HttpClient.Builder.NO_PROXY)
                .cookieHandler(new java.net.CookieManager())
                .build();
    }

    /** The login form's POST, as the login view sends it. */
    HttpResponse<String> postLogin(HttpClient client, String username, String password) {
        String form = "username=" + java.net.URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(
                client,
                HttpRequest.newBuilder(uri("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build());
    }

    /** A request as a reverse proxy forwards it: the client's address in X-Forwarded-For. */
    HttpResponse<String> getForwarded(String path, String forwardedFor, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("X-Forwarded-For", forwardedFor);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    HttpResponse<String> postLoginForwarded(String forwardedFor, String username, String password) {
        String form = "username=" + java.net.URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(uri("/login"))
                .header("X-Forwarded-For", forwardedFor)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    }

    static List<String> paths(String... paths) {
        return List.of(paths);
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("infradash-security-test");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
