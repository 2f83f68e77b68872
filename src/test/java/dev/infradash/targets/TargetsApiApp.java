package dev.infradash.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.security.Role;
import dev.infradash.security.UserService;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole app on a random port with login required (as security's SecuredApp, which is private
 * to its package), a fresh targets file and data directory, users {@code admin} and {@code viewer},
 * and helpers to call /api/targets over real HTTP. Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// These tests call the API from one address far more often than a person would.
@TestPropertySource(
        properties = {
            "infradash.security.rate-limit.api-per-minute=100000",
            "infradash.security.rate-limit.login-failures-per-minute=100000"
        })
abstract class TargetsApiApp {

    static final String ADMIN_PASSWORD = "admin-password-for-tests";
    static final String VIEWER_PASSWORD = "viewer-password-for-tests";
    static final Path DIR = tempDir();
    static final Path TARGETS = DIR.resolve("targets.json");
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @LocalServerPort
    int port;

    @Autowired
    UserService users;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("vaadin.devmode.devTools.enabled", () -> "false");
        registry.add("infradash.prometheus.url", () -> "http://127.0.0.1:9");
        registry.add("infradash.targets.file", TARGETS::toString);
        registry.add("infradash.refresh-interval", () -> "1h");
        registry.add("infradash.data.dir", () -> DIR.resolve("data").toString());
        registry.add(
                "infradash.alerting.rule-file",
                () -> DIR.resolve("rules/infradash-managed.yml").toString());
        registry.add("infradash.security.admin-password", () -> ADMIN_PASSWORD);
    }

    String admin() {
        return basic("admin", ADMIN_PASSWORD);
    }

    String viewer() {
        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                "admin", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN"));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            if (users.list().stream().noneMatch(user -> user.username().equals("viewer"))) {
                users.create("viewer", VIEWER_PASSWORD, Role.VIEWER);
            }
        } finally {
            SecurityContextHolder.clearContext();
        }
        return basic("viewer", VIEWER_PASSWORD);
    }

    static String basic(String username, String password) {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    HttpResponse<String> get(String path, String authorization) {
        return send(request(path, authorization).GET().build());
    }

    HttpResponse<String> post(String path, String authorization, String ifMatch, String body) {
        return send(withVersion(request(path, authorization), ifMatch)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    HttpResponse<String> put(String path, String authorization, String ifMatch, String body) {
        return send(withVersion(request(path, authorization), ifMatch)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    HttpResponse<String> delete(String path, String authorization, String ifMatch) {
        return send(withVersion(request(path, authorization), ifMatch).DELETE().build());
    }

    /** The current ETag of the list, as a client would read it before a write. */
    String etag() {
        HttpResponse<String> list = get("/api/targets", admin());
        return list.headers().firstValue("ETag").orElseThrow();
    }

    static byte[] fileBytes() {
        try {
            return Files.exists(TARGETS) ? Files.readAllBytes(TARGETS) : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpRequest.Builder withVersion(HttpRequest.Builder request, String ifMatch) {
        return ifMatch == null ? request : request.header("If-Match", ifMatch);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("infradash-targets-api-test");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
