package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which alerting writes skip the CSRF token: only those a cross-site form cannot send. */
class JsonApiWritesTest {

    private final JsonApiWrites matcher = new JsonApiWrites("/api/alerting/");

    private static MockHttpServletRequest request(String method, String path, String contentType) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (contentType != null) request.setContentType(contentType);
        return request;
    }

    @Test
    void jsonPostsPutsAndDeletesUnderThePrefixNeedNoCsrfToken() {
        assertThat(matcher.matches(request("POST", "/api/alerting/channels", "application/json")))
                .isTrue();
        assertThat(matcher.matches(request("POST", "/api/alerting/channels/x/test", "application/json; charset=utf-8")))
                .isTrue();
        assertThat(matcher.matches(request("PUT", "/api/alerting/channels/x", null)))
                .isTrue();
        assertThat(matcher.matches(request("DELETE", "/api/alerting/channels/x", null)))
                .isTrue();
    }

    @Test
    void whatAFormCanSendStillNeedsTheToken() {
        assertThat(matcher.matches(request("POST", "/api/alerting/channels/x/test", "text/plain")))
                .isFalse();
        assertThat(matcher.matches(request("POST", "/api/alerting/channels", "application/x-www-form-urlencoded")))
                .isFalse();
        assertThat(matcher.matches(request("POST", "/api/alerting/channels/x/test", null)))
                .isFalse();
        assertThat(matcher.matches(request("POST", "/api/users", "application/json")))
                .isFalse();
    }
}
