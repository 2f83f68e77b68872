package dev.infradash.alerting;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The version of a stored channel for optimistic concurrency (the REST API's ETag, the version an
 * edit dialog opened with): changes with every change of any field, secrets included. An HMAC
 * keyed with the channel's relay secret (random, never shown), so the version, which viewers
 * see, tells nothing about a secret, not even to a guesser.
 */
final class ChannelVersion {

    private ChannelVersion() {}

    static String of(Channel channel) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(
                    ("infradash-channel:" + channel.relaySecret()).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            StringBuilder content = new StringBuilder(channel.id())
                    .append('\n')
                    .append(channel.name())
                    .append('\n')
                    .append(channel.type().id());
            new TreeMap<>(channel.fields())
                    .forEach((key, value) ->
                            content.append('\n').append(key).append('=').append(value));
            byte[] hash = mac.doFinal(content.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", e);
        }
    }
}
