package dev.infradash.alerting;

import org.jspecify.annotations.Nullable;

/**
 * What a user asks for: silence a server, or one alert of it, for a while, with a reason. As
 * typed; {@link SilencePlanner} checks every field.
 *
 * @param alertname the alert to silence, or null (or blank) for every alert of the server
 * @param duration  {@link SilenceDuration#key()}: 1h, 4h, 24h or until-resolved
 */
public record SilenceRequest(
        @Nullable String server,
        @Nullable String alertname,
        @Nullable String duration,
        @Nullable String comment) {}
