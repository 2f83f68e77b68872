package dev.infradash.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infradash.fleet.FleetSnapshot;
import dev.infradash.fleet.ServerAlert;
import dev.infradash.fleet.TestSnapshots;
import dev.infradash.prometheus.Silence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilencePlannerTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final ServerAlert DOWN = new ServerAlert("HostDown", "critical", "firing", NOW, "web-1 is down");

    private static final FleetSnapshot FLEET = TestSnapshots.fleet()
            .collectedAt(NOW)
            .servers(
                    TestSnapshots.server("web-1").alerts(List.of(DOWN)).build(),
                    TestSnapshots.server("db-1").build())
            .build();

    private static Silence plan(String server, String alertname, String duration, String comment) {
        return SilencePlanner.plan(new SilenceRequest(server, alertname, duration, comment), FLEET, "alice", NOW);
    }

    private static List<FieldError> refusal(String server, String alertname, String duration, String comment) {
        try {
            plan(server, alertname, duration, comment);
        } catch (SilenceRefusedException e) {
            return e.errors();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void aWholeServerForFourHoursMatchesItsServerLabelOnly() {
        Silence silence = plan("db-1", null, "4h", "  disk swap  ");

        assertThat(silence.matchers()).containsExactly(Silence.Matcher.equal("server", "db-1"));
        assertThat(silence.startsAt()).isEqualTo(NOW);
        assertThat(silence.endsAt()).isEqualTo(NOW.plus(Duration.ofHours(4)));
        assertThat(silence.createdBy()).isEqualTo("alice");
        assertThat(silence.comment()).isEqualTo("disk swap");
        assertThat(silence.id()).isNull();
    }

    @Test
    void oneAlertAddsItsNameAndABlankNameMeansEveryAlert() {
        assertThat(plan("web-1", "HostDown", "1h", "reboot").matchers())
                .containsExactly(
                        Silence.Matcher.equal("server", "web-1"), Silence.Matcher.equal("alertname", "HostDown"));
        assertThat(plan("web-1", "  ", "24h", "reboot").matchers())
                .containsExactly(Silence.Matcher.equal("server", "web-1"));
        assertThat(plan("web-1", "  ", "24h", "reboot").endsAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
    }

    @Test
    void untilResolvedIsALongSilenceMarkedInItsComment() {
        Silence silence = plan("web-1", "HostDown", "until-resolved", "on it");

        assertThat(silence.endsAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(silence.comment()).isEqualTo(UntilResolved.MARKER + "on it");
        assertThat(UntilResolved.isMarked(silence)).isTrue();
        assertThat(UntilResolved.isMarked(plan("web-1", "HostDown", "1h", "on it")))
                .isFalse();
    }

    @Test
    void untilResolvedIsRefusedWhenNothingItCoversFires() {
        assertThat(refusal("db-1", null, "until-resolved", "x"))
                .singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("duration"));
        assertThat(refusal("web-1", "HighCpuUsage", "until-resolved", "x"))
                .extracting(FieldError::field)
                .containsExactly("duration");
    }

    @Test
    void hostileInputIsRefusedWithTheFieldNamed() {
        assertThat(refusal("web-1", null, "2h", "x"))
                .extracting(FieldError::field)
                .containsExactly("duration");
        assertThat(refusal("web-1", null, null, "x"))
                .extracting(FieldError::field)
                .containsExactly("duration");
        assertThat(refusal("web-1", null, "1h", "line\nbreak"))
                .extracting(FieldError::field)
                .containsExactly("comment");
        assertThat(refusal("web-1", null, "1h", "bidi \u202E trick"))
                .extracting(FieldError::field)
                .containsExactly("comment");
        assertThat(refusal("web-1", null, "1h", "x".repeat(501)))
                .extracting(FieldError::field)
                .containsExactly("comment");
        assertThat(refusal("web-1", null, "1h", "   "))
                .extracting(FieldError::field)
                .containsExactly("comment");
        assertThat(refusal("web-1", "Host\u0000Down", "1h", "x"))
                .extracting(FieldError::field)
                .containsExactly("alertname");
        assertThat(refusal("web-9", null, "1h", "x"))
                .extracting(FieldError::field)
                .containsExactly("server");
        assertThat(plan("web-1", null, "1h", "x".repeat(500)).comment()).hasSize(500);
    }

    @Test
    void aSilenceWithoutServerIsRefusedSoItCanNeverMatchEverything() {
        // an empty matcher set, or server="", would silence every alert without a server label
        assertThat(refusal("", null, "1h", "x")).extracting(FieldError::field).containsExactly("server");
        assertThat(refusal(null, "HostDown", "1h", "x"))
                .extracting(FieldError::field)
                .containsExactly("server");
        assertThat(refusal(null, null, "forever", "\t"))
                .extracting(FieldError::field)
                .containsExactly("server", "duration", "comment");
    }

    @Test
    void beforeTheFirstCycleNoServerIsKnownSoNoneIsAccepted() {
        FleetSnapshot initial = TestSnapshots.fleet().sequence(0).build();
        assertThatThrownBy(() -> SilencePlanner.plan(new SilenceRequest("web-1", null, "1h", "x"), initial, "a", NOW))
                .isInstanceOf(SilenceRefusedException.class)
                .hasMessageContaining("server");
    }
}
