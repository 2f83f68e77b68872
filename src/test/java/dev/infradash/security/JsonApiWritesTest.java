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

    private static MockHttpServletRequest bodylessPost(String authorization) {
        MockHttpServletRequest request = request("POST", "/api/alerting/channels/x/test", null);
        if (authorization != null) request.addHeader("Authorization", authorization);
        return request;
    }

    /** curl -u admin:... -X POST .../test sends neither body nor Content-Type: it got 403. */
    @Test
    void aBodylessPostWithItsOwnCredentialsNeedsNoToken() {
        assertThat(matcher.matches(bodylessPost("Basic YWRtaW46c2VjcmV0"))).isTrue();
        assertThat(matcher.matches(bodylessPost("Bearer idt_abc"))).isTrue();
        MockHttpServletRequest sameOriginLess = bodylessPost("Basic YWRtaW46c2VjcmV0");
        sameOriginLess.addHeader("Sec-Fetch-Site", "none");
        assertThat(matcher.matches(sameOriginLess)).isTrue();
    }

    /** A page's credentialed fetch carries cookies and cached Basic credentials, and always an Origin. */
    @Test
    void aBodylessPostAPageCouldSendStillNeedsTheToken() {
        assertThat(matcher.matches(bodylessPost(null))).as("cookie only").isFalse();
        MockHttpServletRequest crossSite = bodylessPost("Basic YWRtaW46c2VjcmV0");
        crossSite.addHeader("Origin", "https://evil.example");
        assertThat(matcher.matches(crossSite))
                .as("cached Basic credentials sent by a page")
                .isFalse();
        MockHttpServletRequest fetchMetadata = bodylessPost("Basic YWRtaW46c2VjcmV0");
        fetchMetadata.addHeader("Sec-Fetch-Site", "cross-site");
        assertThat(matcher.matches(fetchMetadata)).isFalse();
        MockHttpServletRequest withBody = bodylessPost("Basic YWRtaW46c2VjcmV0");
        withBody.setContent("x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(matcher.matches(withBody)).as("a body without a type").isFalse();
        assertThat(matcher.matches(bodylessPost("Digest username=admin"))).isFalse();
    }
}
