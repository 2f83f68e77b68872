package dev.infradash.history;

import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A check's uptime over a window that ends now, as far as Prometheus holds it: a check newer
 * than the window, or a retention shorter than it, leaves only part of the window, and the text
 * says so rather than passing that part off as the whole.
 *
 * @param window   the window asked for (24 h, 7 d, 30 d)
 * @param percent  share of successful probes among those held in the window; null without any
 * @param held     how much of the window the probes held cover: from the first one held to now
 * @param complete whether the probes held cover the whole window
 */
public record Uptime(Duration window, @Nullable Double percent, Duration held, boolean complete) {

    /** "24 h: 99.93 %", "30 d: 99.20 % over the 3.2 days of data held", "7 d: no data". */
    public String text() {
        String name = name(window);
        if (percent == null) {
            return name + ": no data";
        }
        // floored: one failed probe in 30 days must not round up to a perfect 100 %
        String value = String.format(Locale.ROOT, "%.2f %%", Math.floor(percent * 100) / 100);
        return complete ? name + ": " + value : name + ": " + value + " over the " + span(held) + " of data held";
    }

    /** 24 h, 7 d, 30 d. */
    static String name(Duration window) {
        return window.toHours() < 48 ? window.toHours() + " h" : window.toDays() + " d";
    }

    /** "40 minutes", "5.5 hours", "3.2 days": how much a shorter history covers. */
    static String span(Duration held) {
        long minutes = held.toMinutes();
        if (minutes < 120) {
            return Math.max(1, minutes) + (minutes == 1 ? " minute" : " minutes");
        }
        double hours = held.toSeconds() / 3600.0;
        if (hours < 48) {
            return String.format(Locale.ROOT, "%.1f hours", hours);
        }
        return String.format(Locale.ROOT, "%.1f days", hours / 24);
    }
}
