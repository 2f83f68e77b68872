package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * X-Forwarded-For is believed only from INFRADASH_TRUSTED_PROXIES (security review: with
 * server.forward-headers-strategy=native, which the README recommended for TLS proxies, a new
 * header per try gave unlimited password guesses, and Tomcat trusts it from any private address).
 */
class TrustedProxyTest {

    private static final String PASSWORD = "proxy-test-password";

    @Nested
    @TestPropertySource(properties = "server.forward-headers-strategy=native")
    class WithoutTrustedProxies extends SecuredApp {

        @Test
        void aForgedHeaderPerTryDoesNotEscapeTheLockout() {
            ensureUser("forger-target", PASSWORD, Role.VIEWER);
            for (int i = 0; i < 5; i++) {
                assertThat(postLoginForwarded("10.9.8." + i, "forger-target", "wrong-" + i)
                                .headers()
                                .firstValue("Location"))
                        .hasValue(uri("/login?error").toString());
            }
            assertThat(postLoginForwarded("10.9.8.99", "forger-target", PASSWORD)
                            .headers()
                            .firstValue("Location"))
                    .as("locked: the header named a new address, the TCP peer is the same")
                    .hasValueSatisfying(location -> assertThat(location).contains("/login?locked="));
        }
    }

    @Nested
    @TestPropertySource(properties = "infradash.security.trusted-proxies=127.0.0.1/32, ::1")
    class BehindATrustedProxy extends SecuredApp {

        @Test
        void eachForwardedClientHasItsOwnLock() {
            ensureUser("proxied", PASSWORD, Role.VIEWER);
            for (int i = 0; i < 5; i++) {
                postLoginForwarded("203.0.113.10", "proxied", "wrong-" + i);
            }
            assertThat(postLoginForwarded("203.0.113.10", "proxied", PASSWORD)
                            .headers()
                            .firstValue("Location"))
                    .hasValueSatisfying(location -> assertThat(location).contains("/login?locked="));
            assertThat(postLoginForwarded("203.0.113.11", "proxied", PASSWORD)
                            .headers()
                            .firstValue("Location"))
                    .as("another client behind the same proxy")
                    .hasValueSatisfying(location ->
                            assertThat(location).doesNotContain("locked").doesNotContain("error"));
        }

        @Test
        void theClientIsTheRightMostAddressNotWrittenByATrustedProxy() {
            ensureUser("chained", PASSWORD, Role.VIEWER);
            // the client itself wrote "192.0.2.1" to look like someone else; the proxy appended the real peer
            for (int i = 0; i < 5; i++) {
                postLoginForwarded("192.0.2." + i + ", 203.0.113.20", "chained", "wrong-" + i);
            }
            assertThat(postLoginForwarded("192.0.2.77, 203.0.113.20", "chained", PASSWORD)
                            .headers()
                            .firstValue("Location"))
                    .hasValueSatisfying(location -> assertThat(location).contains("/login?locked="));
        }
    }

    @Test
    void theChainIsReadFromTheRightAndStopsAtTheFirstUntrustedHop() {
        TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.0/8", "127.0.0.1"));
        assertThat(proxies.client("127.0.0.1", "198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(proxies.client("127.0.0.1", "6.6.6.6, 198.51.100.7, 10.1.2.3"))
                .isEqualTo("198.51.100.7");
        assertThat(proxies.client("127.0.0.1", "not-an-ip, 10.1.2.3"))
                .as("garbage stops the walk")
                .isEqualTo("10.1.2.3");
        assertThat(proxies.client("127.0.0.1", "2001:db8::5")).isEqualTo("2001:db8::5");
        assertThat(proxies.trusts("10.200.0.1")).isTrue();
        assertThat(proxies.trusts("11.0.0.1")).isFalse();
        assertThat(proxies.trusts("localhost")).as("names are never resolved").isFalse();
    }

    @Test
    void hostNamesAndJunkAreRefusedAsProxies() {
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("proxy.example.org")))
                .hasMessageContaining("proxy.example.org");
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/99")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(TrustedProxies.parse(List.of("", " ")).isEmpty()).isTrue();
    }
}
