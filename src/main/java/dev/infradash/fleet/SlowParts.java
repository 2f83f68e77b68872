package dev.infradash.fleet;

import dev.infradash.prometheus.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The parts of the cycle's query whose answers change over minutes or days, not seconds: memory
 * and filesystem sizes, core counts, GPU models, the disk-full forecast (a 6 h trend), the
 * checks' 24 h uptime and certificate expiry. The collector asks them once per
 * {@code infradash.slow-parts-interval} and reuses their last answer in the cycles between,
 * inside the same single request, so the request count stays constant while each cycle reads
 * fewer series: at 2,000 servers they are 8,000 of the 31,400 series of an answer, and the
 * forecast and the 24 h uptime are the parts that step through hours of samples.
 *
 * <p>They are asked again in the next cycle when the targets change or when what answers changes (an
 * exporter comes up, a check is probed for the first time): after a start, before Prometheus has
 * scraped anything, the first answers are empty, and a new server's card must not wait a minute
 * for its memory size. Used only by the collector's thread (cycles never overlap).
 */
final class SlowParts {

    static final Set<FleetQuery> SLOW = Collections.unmodifiableSet(EnumSet.of(
            FleetQuery.MEMORY_TOTAL,
            FleetQuery.CORES,
            FleetQuery.GPU_INFO,
            FleetQuery.FS_SIZE,
            FleetQuery.FS_FULL_IN,
            FleetQuery.SERVICE_UPTIME_24H,
            FleetQuery.SERVICE_CERT_EXPIRY));

    private final Duration interval;
    private @Nullable Instant askedAt;
    private @Nullable Object askedForTargets;
    private Map<FleetQuery, List<Sample>> lastAnswers = Map.of();
    /** Which exporters were up and which checks probed, when the slow parts were last asked / now. */
    private Set<String> answeringWhenAsked = Set.of();

    private Set<String> answeringNow = Set.of();

    /** @param interval how long an answer is reused; zero asks every cycle */
    SlowParts(Duration interval) {
        this.interval = interval;
    }

    /**
     * Whether this cycle asks the slow parts: the first cycle, once the interval has passed since
     * they were last answered, whenever {@code targets} (the targets as read) is another object,
     * and when the exporters up or the checks probed differ from those when they were last asked.
     */
    boolean due(Instant at, Object targets) {
        return askedAt == null
                || targets != askedForTargets
                || interval.isZero()
                || !at.isBefore(askedAt.plus(interval))
                || !answeringNow.equals(answeringWhenAsked);
    }

    /**
     * Completes a cycle's answers: when this cycle asked the slow parts ({@code asked}), their
     * answers are remembered; otherwise the remembered answers are put in their place.
     */
    Map<FleetQuery, List<Sample>> complete(
            Map<FleetQuery, List<Sample>> answers, boolean asked, Instant at, Object targets) {
        answeringNow = answering(answers);
        if (asked) {
            answeringWhenAsked = answeringNow;
            Map<FleetQuery, List<Sample>> remembered = new EnumMap<>(FleetQuery.class);
            SLOW.forEach(query -> remembered.put(query, answers.getOrDefault(query, List.of())));
            lastAnswers = remembered;
            askedAt = at;
            askedForTargets = targets;
            return answers;
        }
        Map<FleetQuery, List<Sample>> completed = new EnumMap<>(FleetQuery.class);
        completed.putAll(answers);
        completed.putAll(lastAnswers);
        return completed;
    }

    private static Set<String> answering(Map<FleetQuery, List<Sample>> answers) {
        Set<String> answering = new HashSet<>();
        for (Sample up : answers.getOrDefault(FleetQuery.UP, List.of())) {
            if (up.value() == 1) {
                answering.add(up.labels().get("server") + "\u0000" + up.labels().get("job"));
            }
        }
        for (Sample probed : answers.getOrDefault(FleetQuery.SERVICE_UP, List.of())) {
            answering.add(probed.labels().get("server") + "\u0000check\u0000"
                    + probed.labels().get("service"));
        }
        return answering;
    }
}
