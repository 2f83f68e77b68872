package dev.infradash.alerting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Delivers a {@link RelayMessage} to ntfy (JSON publish to the server's root, topic in the body)
 * or Gotify ({@code POST /message} with the app token in {@code X-Gotify-Key}). Never follows
 * redirects; errors name the server's host and the HTTP status, never a token.
 */
class RelaySender {

    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(10))
            .callTimeout(Duration.ofSeconds(15))
            .followRedirects(false)
            .followSslRedirects(false)
            .build();
    private final ObjectMapper json;

    RelaySender(ObjectMapper json) {
        this.json = json;
    }

    /** @return null when delivered, else the error for the channel's status */
    @Nullable
    String send(Channel channel, RelayMessage message) {
        HttpUrl server = HttpUrl.parse(channel.field("serverUrl"));
        if (server == null) return "The server URL is not valid";
        ObjectNode body = json.createObjectNode();
        Request.Builder request = new Request.Builder();
        String service;
        if (channel.type() == ChannelType.NTFY) {
            service = "ntfy";
            body.put("topic", channel.field("topic"));
            body.put("title", message.title());
            body.put("message", message.message());
            body.put("priority", message.priority());
            body.putArray("tags").add(message.resolved() ? "white_check_mark" : "rotating_light");
            request.url(server);
            if (!channel.field("token").isEmpty()) request.header("Authorization", "Bearer " + channel.field("token"));
        } else {
            service = "Gotify";
            body.put("title", message.title());
            body.put("message", message.message());
            body.put("priority", message.priority() * 2); // Gotify: 0-10
            request.url(server.newBuilder().addPathSegment("message").build());
            request.header("X-Gotify-Key", channel.field("appToken"));
        }
        try {
            request.post(RequestBody.create(json.writeValueAsBytes(body), JSON));
            try (Response response = http.newCall(request.build()).execute()) {
                if (response.isSuccessful()) return null;
                return service + " at " + server.host() + " answered HTTP " + response.code();
            }
        } catch (IOException e) {
            return "Could not reach " + service + " at " + server.host() + ": "
                    + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + channel.scrub(e.getMessage()) + ")");
        }
    }
}
