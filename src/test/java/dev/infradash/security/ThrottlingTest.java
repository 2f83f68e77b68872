package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Lockout over real HTTP. The test client is 127.0.0.1; "another address" is a socket bound to
 * 127.0.0.2, which Linux routes over loopback too. Each test locks its own user, so the shared
 * context's other users are never locked.
 */
class ThrottlingTest extends SecuredApp {

    private static final String PASSWORD = "the-right-password";

    @Test
    void fiveFailuresLockTheUserFromThatAddressEvenWithTheRightPassword() throws Exception {
        ensureUser("basic-lock", PASSWORD, Role.VIEWER);
        double lockedBefore = failures("locked");
        double badBefore = failures("bad_credentials");
        for (int i = 0; i < 5; i++) {
            assertThat(get("/api/servers", "basic-lock", "wrong-password-" + i).statusCode())
                    .isEqualTo(401);
        }
        HttpResponse<String> refused = get("/api/servers", "basic-lock", PASSWORD);
        assertThat(refused.statusCode())
                .as("6th attempt, right password, still locked")
                .isEqualTo(401);
        assertThat(refused.body()).contains("Too many failed logins");
        assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong))
                .hasValueSatisfying(seconds -> assertThat(seconds).isBetween(1L, 60L));

        assertThat(statusFrom("127.0.0.2", "/api/servers", basic("basic-lock", PASSWORD)))
                .as("the same user from another address")
                .isEqualTo(200);
        assertThat(failures("bad_credentials") - badBefore).isEqualTo(5);
        assertThat(failures("locked") - lockedBefore).isEqualTo(1);
    }

    @Test
    void aSuccessResetsTheCount() {
        ensureUser("resets", PASSWORD, Role.VIEWER);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                assertThat(get("/api/servers", "resets", "wrong-password-" + i).statusCode())
                        .isEqualTo(401);
            }
            assertThat(get("/api/servers", "resets", PASSWORD).statusCode())
                    .as("round " + round)
                    .isEqualTo(200);
        }
    }

    @Test
    void theLoginViewSaysHowLongTheLockLasts() {
        ensureUser("form-lock", PASSWORD, Role.VIEWER);
        for (int i = 0; i < 5; i++) {
            assertThat(postLogin("form-lock", "wrong-password-" + i).headers().firstValue("Location"))
                    .hasValue(uri("/login?error").toString());
        }
        String location = postLogin("form-lock", PASSWORD)
                .headers()
                .firstValue("Location")
                .orElseThrow();
        Matcher locked = Pattern.compile(Pattern.quote(uri("/login").toString()) + "\\?locked=(\\d+)")
                .matcher(location);
        assertThat(locked.matches()).as(location).isTrue();
        assertThat(Long.parseLong(locked.group(1))).isBetween(1L, 60L);
    }

    private HttpResponse<String> postLogin(String username, String password) {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    }

    private double failures(String reason) {
        Pattern line = Pattern.compile(
                "^infradash_login_failures_total\\{[^}]*reason=\"" + reason + "\"[^}]*} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(get("/actuator/prometheus").body());
        assertThat(matcher.find())
                .as("infradash_login_failures_total{reason=%s}", reason)
                .isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    /** A bare HTTP/1.1 GET from the given local address: java.net.http cannot choose one. */
    private int statusFrom(String localAddress, String path, String authorization) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + authorization
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder statusLine = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                statusLine.append((char) c);
            }
            return Integer.parseInt(statusLine.toString().split(" ")[1]);
        }
    }
}
