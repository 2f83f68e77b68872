package dev.infradash.base;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How numbers read on a card: short, with units, and an honest dash when there is no value. */
public final class Format {

    public static final String NONE = "–";
    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Format() {}

    public static String percent(@Nullable Reading reading) {
        return reading == null ? NONE : String.format(Locale.ROOT, "%.0f %%", reading.value());
    }

    public static String bytes(@Nullable Reading reading) {
        return reading == null ? NONE : bytes(reading.value());
    }

    public static String bytesPerSecond(@Nullable Reading reading) {
        return reading == null ? NONE : bytes(reading.value()) + "/s";
    }

    public static String bytes(double value) {
        int unit = 0;
        double scaled = value;
        while (Math.abs(scaled) >= 1024 && unit < BYTE_UNITS.length - 1) {
            scaled /= 1024;
            unit++;
        }
        return unit == 0
                ? String.format(Locale.ROOT, "%.0f B", scaled)
                : String.format(Locale.ROOT, scaled < 10 ? "%.1f %s" : "%.0f %s", scaled, BYTE_UNITS[unit]);
    }

    public static String decimal(@Nullable Reading reading) {
        return reading == null ? NONE : String.format(Locale.ROOT, "%.2f", reading.value());
    }

    public static String number(@Nullable Reading reading, String unit) {
        return reading == null ? NONE : String.format(Locale.ROOT, "%.0f%s", reading.value(), unit);
    }

    /** 3d 4h, 5h 12m, 7m 3s: the two largest units are enough for uptime. */
    public static String duration(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        return minutes > 0 ? minutes + "m " + seconds % 60 + "s" : seconds + "s";
    }

    public static String uptime(@Nullable Reading reading) {
        return reading == null ? NONE : duration(Duration.ofSeconds((long) reading.value()));
    }

    public static String age(@Nullable Instant sampledAt, @Nullable Instant now) {
        if (sampledAt == null || now == null) {
            return "no data yet";
        }
        Duration age = Duration.between(sampledAt, now);
        return age.isNegative() || age.getSeconds() < 1 ? "just now" : duration(age) + " ago";
    }
}
