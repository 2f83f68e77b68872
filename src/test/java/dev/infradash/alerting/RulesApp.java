package dev.infradash.alerting;

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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole app with login, users {@code admin} and {@code viewer}, and a stand-in Prometheus
 * for the FAULTS a rule write must survive: it accepts reloads unless told to refuse, and parses
 * queries except those containing {@code bogus(}. Real Prometheus: {@code AlertRulesIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            "infradash.security.rate-limit.api-per-minute=100000",
            "infradash.security.rate-limit.login-failures-per-minute=100000"
        })
@Import(RulesApp.ChangeLog.class)
abstract class RulesApp {

    /** Every AlertingChanged the app publishes, from whatever thread. */
    @TestConfiguration
    static class ChangeLog {
        final List<AlertingChanged> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(AlertingChanged event) {
            events.add(event);
        }

        /** The channel the rule tests route to, without an Alertmanager to write channels for. */
        @Bean
        @Primary
        ChannelDirectory testChannels() {
            return () -> List.of(new ChannelDirectory.ChannelSummary("ops", "ops", "webhook"));
        }
    }

    static final String ADMIN_PASSWORD = "admin-password-for-tests";
    static final String VIEWER_PASSWORD = "viewer-password-for-tests";
    static final HttpClient HTTP =
            HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    static final Path DIR = tempDir();
    static final MockWebServer PROMETHEUS = new MockWebServer();
    static final AtomicInteger RELOADS = new AtomicInteger();
    static volatile boolean refuseReloads;

    @LocalServerPort
    int port;

    @Autowired
    UserService users;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        PROMETHEUS.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                if (path.equals("/-/reload")) {
                    RELOADS.incrementAndGet();
                    return refuseReloads
                            ? new MockResponse.Builder()
                                    .code(500)
                                    .body("failed to reload config: one or more errors occurred while applying the"
                                            + " new configuration")
                                    .build()
                            : new MockResponse.Builder().code(200).build();
                }
                String body = request.getBody() == null ? "" : request.getBody().utf8();
                if (path.equals("/api/v1/query") && body.contains("bogus%28")) {
                    return json(
                            400,
                            "{\"status\":\"error\",\"errorType\":\"bad_data\","
                                    + "\"error\":\"1:1: parse error: unknown function with name \\\"bogus\\\"\"}");
                }
                if (path.equals("/api/v1/alerts")) {
                    return json(200, "{\"status\":\"success\",\"data\":{\"alerts\":[]}}");
                }
                return json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
            }
        });
        PROMETHEUS.start(java.net.InetAddress.getLoopbackAddress(), 0);
        Files.writeString(DIR.resolve("targets.json"), "[]");
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("vaadin.devmode.devTools.enabled", () -> "false");
        registry.add("infradash.prometheus.url", () -> PROMETHEUS.url("/").toString());
        registry.add("infradash.targets.file", () -> DIR.resolve("targets.json").toString());
        registry.add("infradash.refresh-interval", () -> "1h");
        registry.add("infradash.data.dir", () -> DIR.resolve("data").toString());
        registry.add("infradash.alerting.rule-file", () -> ruleFile().toString());
        registry.add("infradash.security.admin-password", () -> ADMIN_PASSWORD);
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    static Path ruleFile() {
        return DIR.resolve("rules/infradash-managed.yml");
    }

    static Path storeFile() {
        return DIR.resolve("data").resolve(RuleStore.FILE_NAME);
    }

    static Path auditFile() {
        return DIR.resolve("data/audit.jsonl");
    }

    @BeforeEach
    void viewerExists() {
        refuseReloads = false;
        as("admin", Role.ADMIN, () -> {
            if (users.list().stream().noneMatch(user -> user.username().equals("viewer"))) {
                users.create("viewer", VIEWER_PASSWORD, Role.VIEWER);
            }
        });
    }

    static void as(String username, Role role, Runnable action) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        username, null, AuthorityUtils.createAuthorityList("ROLE_" + role.name())));
        try {
            action.run();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    HttpResponse<String> send(
            String user, String password, String method, String path, @org.jspecify.annotations.Nullable String body) {
        return send(user, password, method, path, body, null);
    }

    /** As above, with an {@code If-Match} header when {@code ifMatch} is not null. */
    HttpResponse<String> send(
            String user,
            String password,
            String method,
            String path,
            @org.jspecify.annotations.Nullable String body,
            @org.jspecify.annotations.Nullable String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) request.header("If-Match", ifMatch);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("infradash-rules-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
