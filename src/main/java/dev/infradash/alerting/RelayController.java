package dev.infradash.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where Alertmanager posts the webhooks of ntfy and Gotify channels (0.25 has no receiver for
 * them). Not a user endpoint: authenticated by the channel's own random secret, which only
 * Alertmanager's configuration holds (bearer credentials), compared in constant time; no session,
 * no CSRF (its own filter chain, {@link AlertingConfiguration}); at most {@link #PER_MINUTE}
 * messages a minute per channel. Answers 502 when ntfy or Gotify failed, so Alertmanager retries.
 */
@RestController
@RequestMapping("/api/alerting/relay")
class RelayController {

    static final int PER_MINUTE = 30;
    private static final int MAX_BODY = 1024 * 1024;

    private final ChannelService channels;
    private final RelaySender sender;
    private final DeliveryStatus delivery;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();

    RelayController(
            ChannelService channels, RelaySender sender, DeliveryStatus delivery, ObjectMapper json, Clock clock) {
        this.channels = channels;
        this.sender = sender;
        this.delivery = delivery;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/{channelId}")
    ResponseEntity<Void> relay(@PathVariable String channelId, HttpServletRequest request) throws IOException {
        Optional<Channel> channel = find(channelId).filter(c -> c.type().relayed());
        String header = request.getHeader("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7) : "";
        if (channel.isEmpty()
                || !MessageDigest.isEqual(
                        presented.getBytes(StandardCharsets.UTF_8),
                        channel.get().relaySecret().getBytes(StandardCharsets.UTF_8))) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        if (!allowed(channelId))
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).build();
        JsonNode body;
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY)
                return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).build();
            body = json.readTree(bytes);
        } catch (IOException e) {
            return ResponseEntity.badRequest().build();
        }
        if (body == null || !body.isObject()) return ResponseEntity.badRequest().build();
        String error = sender.send(channel.get(), RelayMessage.of(body));
        delivery.relayed(channelId, error);
        return error == null
                ? ResponseEntity.ok().build()
                : ResponseEntity.status(HttpStatus.BAD_GATEWAY).build();
    }

    private Optional<Channel> find(String id) {
        try {
            return Optional.of(channels.stored(id));
        } catch (NoSuchChannelException e) {
            return Optional.empty();
        }
    }

    /** A fixed one-minute window per channel: {start second, count}. */
    private boolean allowed(String channelId) {
        long minute = Instant.now(clock).getEpochSecond() / 60;
        long[] window = windows.compute(
                channelId,
                (id, w) -> w == null || w[0] != minute ? new long[] {minute, 1} : new long[] {minute, w[1] + 1});
        return window[1] <= PER_MINUTE;
    }
}
