package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Users and tokens over the REST API: admin-only, bad input named and nothing changed, secret once. */
class AccountsApiTest extends SecuredApp {

    @Autowired
    ApiTokenStore tokens;

    @Autowired
    UserStore userStore;

    private HttpResponse<String> post(String path, String json, String username, String password) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", basic(username, password))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    @Test
    void aViewerCanNeitherListNorCreateUsersOrTokens() {
        ensureUser("viewer", VIEWER_PASSWORD, Role.VIEWER);
        assertThat(get("/api/users", "viewer", VIEWER_PASSWORD).statusCode()).isEqualTo(403);
        assertThat(post(
                                "/api/users",
                                "{\"username\":\"sneaky\",\"password\":\"sneaky-long-password\",\"role\":\"ADMIN\"}",
                                "viewer",
                                VIEWER_PASSWORD)
                        .statusCode())
                .isEqualTo(403);
        assertThat(post(
                                "/api/tokens",
                                "{\"owner\":\"viewer\",\"name\":\"x\",\"scope\":\"READ\"}",
                                "viewer",
                                VIEWER_PASSWORD)
                        .statusCode())
                .isEqualTo(403);
        asUser(
                "admin",
                Role.ADMIN,
                () -> assertThat(users.list()).noneMatch(user -> user.username().equals("sneaky")));
    }

    @Test
    void badInputNamesTheFieldAndChangesNothing() {
        HttpResponse<String> badRole = post(
                "/api/users",
                "{\"username\":\"newbie\",\"password\":\"newbie-long-password\",\"role\":\"ROOT\"}",
                "admin",
                ADMIN_PASSWORD);
        assertThat(badRole.statusCode()).isEqualTo(400);
        assertThat(badRole.body()).contains("\"field\":\"role\"");
        HttpResponse<String> badScope =
                post("/api/tokens", "{\"owner\":\"admin\",\"name\":\"x\",\"scope\":\"ALL\"}", "admin", ADMIN_PASSWORD);
        assertThat(badScope.statusCode()).isEqualTo(400);
        assertThat(badScope.body()).contains("\"field\":\"scope\"");
        asUser(
                "admin",
                Role.ADMIN,
                () -> assertThat(users.list()).noneMatch(u -> u.username().equals("newbie")));
    }

    @Test
    void aCreatedTokensSecretIsInTheResponseOnlyAndWorks() throws Exception {
        ensureUser("viewer", VIEWER_PASSWORD, Role.VIEWER);
        HttpResponse<String> created = post(
                "/api/tokens",
                "{\"owner\":\"viewer\",\"name\":\"api made\",\"scope\":\"READ\"}",
                "admin",
                ADMIN_PASSWORD);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String secret = created.body().replaceAll("(?s).*\"secret\":\"(idt_[^\"]+)\".*", "$1");
        assertThat(secret).startsWith("idt_");
        assertThat(get("/api/tokens", "admin", ADMIN_PASSWORD).body()).doesNotContain(secret.substring(17));
        assertThat(Files.readString(tokens.file())).doesNotContain(secret.substring(17));
        assertThat(send(HttpRequest.newBuilder(uri("/api/servers"))
                                .header("Authorization", "Bearer " + secret)
                                .build())
                        .statusCode())
                .isEqualTo(200);
    }

    /** Review S2: a user without a username was created as "null"; errors name the field; unknown users are 404. */
    @Test
    void aMissingUsernameOrAWeakPasswordIsA400NamingTheFieldAndAnUnknownUserIsA404() {
        HttpResponse<String> noName = post(
                "/api/users", "{\"password\":\"nameless-long-password\",\"role\":\"VIEWER\"}", "admin", ADMIN_PASSWORD);
        assertThat(noName.statusCode()).as(noName.body()).isEqualTo(400);
        assertThat(noName.body()).contains("\"field\":\"username\"");
        asUser(
                "admin",
                Role.ADMIN,
                () -> assertThat(users.list()).noneMatch(u -> u.username().equals("null")));

        HttpResponse<String> weak = post(
                "/api/users",
                "{\"username\":\"weakling\",\"password\":\"short\",\"role\":\"VIEWER\"}",
                "admin",
                ADMIN_PASSWORD);
        assertThat(weak.statusCode()).as(weak.body()).isEqualTo(400);
        assertThat(weak.body()).contains("\"field\":\"password\"");

        HttpResponse<String> unknown = send(HttpRequest.newBuilder(uri("/api/users/nosuchuser"))
                .header("Authorization", basic("admin", ADMIN_PASSWORD))
                .DELETE()
                .build());
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
    }

    /**
     * Review S3: only "the last admin" is a 409 with its message. An unreadable users file (met
     * while @PreAuthorize asks for the caller's live role) must not hand its path and the parser's
     * text to the client.
     */
    @Test
    void anUnreadableUsersFileIsNeitherA409NorShowsItsPathOrParserText() throws Exception {
        java.net.http.HttpClient session = browser();
        assertThat(postLogin(session, "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(302);
        java.nio.file.Path file = userStore.file();
        byte[] good = Files.readAllBytes(file);
        try {
            Files.writeString(file, "{\"users\": [ broken");
            HttpResponse<String> response =
                    send(session, HttpRequest.newBuilder(uri("/api/users")).build());
            assertThat(response.statusCode())
                    .as(response.body())
                    .isNotEqualTo(409)
                    .isGreaterThanOrEqualTo(500);
            assertThat(response.body())
                    .doesNotContain(file.toString())
                    .doesNotContain("users.json")
                    .doesNotContain("broken");
        } finally {
            Files.write(file, good);
        }
    }
}
