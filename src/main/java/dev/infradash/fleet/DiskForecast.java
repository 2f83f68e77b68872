package dev.infradash.fleet;

import com.vaadin.flow.component.html.Span;
import dev.infradash.base.Texts;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The card's disk-full warning: the filesystem that fills up first, when it is full within
 * {@link #CARD_HORIZON} at the trend of the collector's forecast window ("/data full in ~5 days").
 * Hidden otherwise, so a healthy card stays as it was.
 */
public class DiskForecast extends Span {

    /** Beyond a week a forecast is no reason to look at a card. */
    public static final Duration CARD_HORIZON = Duration.ofDays(7);

    DiskForecast() {
        addClassName("disk-forecast");
        getElement().setAttribute("data-stat", "disk-forecast");
        setVisible(false);
    }

    void show(List<FilesystemUsage> filesystems) {
        Optional<FilesystemUsage> soonest = soonest(filesystems, CARD_HORIZON);
        setVisible(soonest.isPresent());
        Texts.theme(getElement().getThemeList(), "badge");
        Texts.theme(
                getElement().getThemeList(),
                soonest.map(DiskForecast::seconds).orElse(Double.MAX_VALUE) < 86400 ? "error" : "warning",
                "error",
                "warning");
        Texts.set(
                this,
                soonest.map(fs -> text(fs.mountpoint(), fs.fullInSeconds())).orElse(""));
        getElement()
                .setAttribute(
                        "data-mountpoint",
                        soonest.map(FilesystemUsage::mountpoint).orElse(""));
    }

    /** The filesystem full first, if one is full within {@code horizon}. */
    public static Optional<FilesystemUsage> soonest(List<FilesystemUsage> filesystems, Duration horizon) {
        return filesystems.stream()
                .filter(fs -> seconds(fs) < horizon.toSeconds())
                .min(Comparator.comparingDouble(DiskForecast::seconds));
    }

    private static double seconds(FilesystemUsage fs) {
        Double seconds = fs.fullInSeconds();
        return seconds == null ? Double.POSITIVE_INFINITY : seconds;
    }

    /** "/data full in ~9 days"; null seconds: "/data is not filling up". */
    public static String text(String mountpoint, @Nullable Double seconds) {
        return seconds == null ? mountpoint + " is not filling up" : mountpoint + " full in " + approximately(seconds);
    }

    /** A rough duration: the forecast is a straight line through noisy data, so no false precision. */
    public static String approximately(double seconds) {
        long s = Math.round(seconds);
        if (s < 3600) {
            long minutes = Math.max(1, Math.round(s / 60.0));
            return "~" + minutes + (minutes == 1 ? " minute" : " minutes");
        }
        if (s < 2 * 86400) {
            long hours = Math.round(s / 3600.0);
            return "~" + hours + (hours == 1 ? " hour" : " hours");
        }
        long days = Math.round(s / 86400.0);
        return "~" + days + " days";
    }
}
