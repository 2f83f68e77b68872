package dev.infradash.prometheus;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A silence in Alertmanager ({@code /api/v2/silences}). To create one, leave {@code id} and
 * {@code state} null.
 *
 * @param state {@code active}, {@code pending} or {@code expired}; null for a new silence
 */
public record Silence(
        @Nullable String id,
        List<Matcher> matchers,
        Instant startsAt,
        Instant endsAt,
        String createdBy,
        String comment,
        @Nullable String state) {

    public Silence {
        matchers = List.copyOf(matchers);
    }

    /** A new silence, not yet sent. */
    public static Silence of(
            List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {
        return new Silence(null, matchers, startsAt, endsAt, createdBy, comment, null);
    }

    public boolean active() {
        return "active".equals(state);
    }

    /** One label matcher of a silence. */
    public record Matcher(String name, String value, boolean isRegex, boolean isEqual) {

        /** {@code name="value"}: the common case. */
        public static Matcher equal(String name, String value) {
            return new Matcher(name, value, false, true);
        }
    }
}
