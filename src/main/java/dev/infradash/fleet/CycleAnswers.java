package dev.infradash.fleet;

import dev.infradash.base.Reading;
import dev.infradash.prometheus.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** The answers of one cycle, indexed by query and server so a cycle stays linear in servers. */
final class CycleAnswers {
    private final Map<FleetQuery, Map<String, List<Sample>>> index = new EnumMap<>(FleetQuery.class);

    CycleAnswers(Map<FleetQuery, List<Sample>> answers) {
        answers.forEach((query, samples) -> {
            Map<String, List<Sample>> byServer = new HashMap<>();
            for (Sample sample : samples) {
                String server = sample.labels().get("server");
                if (server != null) {
                    byServer.computeIfAbsent(server, k -> new ArrayList<>()).add(sample);
                }
            }
            index.put(query, byServer);
        });
    }

    boolean failed(FleetQuery query) {
        return !index.containsKey(query);
    }

    List<Sample> of(FleetQuery query, String server) {
        return index.getOrDefault(query, Map.of()).getOrDefault(server, List.of());
    }

    Iterable<String> serversWithUp() {
        return index.getOrDefault(FleetQuery.UP, Map.of()).keySet();
    }

    /** A server only Prometheus knows still has its role label on its up series. */
    String role(String server) {
        return of(FleetQuery.UP, server).stream()
                .map(s -> s.labels().getOrDefault("role", ""))
                .filter(role -> !role.isEmpty())
                .findFirst()
                .orElse("");
    }

    List<ExporterHealth> exporters(String server) {
        List<ExporterHealth> list = new ArrayList<>();
        for (Sample sample : of(FleetQuery.UP, server)) {
            String job = sample.labels().getOrDefault("job", "");
            list.add(new ExporterHealth(
                    job, sample.value() == 1.0, scrapeTime(server, job).orElse(null)));
        }
        list.sort(Comparator.comparing(ExporterHealth::job));
        return list;
    }

    Optional<Instant> scrapeTime(String server, String job) {
        for (Sample sample : of(FleetQuery.SCRAPE_TIME, server)) {
            if (job.equals(sample.labels().get("job")) && Double.isFinite(sample.value())) {
                return Optional.of(Instant.ofEpochMilli(Math.round(sample.value() * 1000)));
            }
        }
        return Optional.empty();
    }

    @Nullable
    Reading reading(FleetQuery query, String server, Instant sampled) {
        List<Sample> samples = of(query, server);
        return samples.isEmpty() ? null : finite(samples.get(0).value(), sampled);
    }

    List<GpuMetrics> gpus(String server, Instant sampled) {
        Map<String, String> models = new HashMap<>();
        TreeSet<String> uuids = new TreeSet<>();
        for (FleetQuery query : List.of(
                FleetQuery.GPU_INFO,
                FleetQuery.GPU_UTILIZATION,
                FleetQuery.GPU_MEMORY_USED,
                FleetQuery.GPU_TEMPERATURE,
                FleetQuery.GPU_POWER)) {
            for (Sample sample : of(query, server)) {
                String uuid = sample.labels().get("uuid");
                if (uuid != null) {
                    uuids.add(uuid);
                    if (query == FleetQuery.GPU_INFO) {
                        models.put(uuid, sample.labels().getOrDefault("model", ""));
                    }
                }
            }
        }
        List<GpuMetrics> gpus = new ArrayList<>();
        for (String uuid : uuids) {
            gpus.add(new GpuMetrics(
                    uuid,
                    models.getOrDefault(uuid, ""),
                    gpuReading(FleetQuery.GPU_UTILIZATION, server, uuid, sampled),
                    gpuReading(FleetQuery.GPU_MEMORY_USED, server, uuid, sampled),
                    gpuReading(FleetQuery.GPU_TEMPERATURE, server, uuid, sampled),
                    gpuReading(FleetQuery.GPU_POWER, server, uuid, sampled)));
        }
        return gpus;
    }

    /** The server's filesystems by mountpoint, in mountpoint order. */
    List<FilesystemUsage> filesystems(String server) {
        Map<String, Double> used = byMountpoint(FleetQuery.FS_USED, server);
        Map<String, Double> size = byMountpoint(FleetQuery.FS_SIZE, server);
        Map<String, Double> fullIn = byMountpoint(FleetQuery.FS_FULL_IN, server);
        TreeSet<String> mountpoints = new TreeSet<>(used.keySet());
        mountpoints.addAll(size.keySet());
        List<FilesystemUsage> list = new ArrayList<>();
        for (String mountpoint : mountpoints) {
            list.add(new FilesystemUsage(
                    mountpoint, used.get(mountpoint), size.get(mountpoint), fullIn.get(mountpoint)));
        }
        return list;
    }

    private Map<String, Double> byMountpoint(FleetQuery query, String server) {
        Map<String, Double> values = new HashMap<>();
        for (Sample sample : of(query, server)) {
            String mountpoint = sample.labels().get("mountpoint");
            if (mountpoint != null && Double.isFinite(sample.value())) {
                values.put(mountpoint, sample.value());
            }
        }
        return values;
    }

    private @Nullable Reading gpuReading(FleetQuery query, String server, String uuid, Instant sampled) {
        for (Sample sample : of(query, server)) {
            if (uuid.equals(sample.labels().get("uuid"))) {
                return finite(sample.value(), sampled);
            }
        }
        return null;
    }

    /** NaN and infinities (a division by a zero-sized filesystem, say) are no value to show. */
    private static @Nullable Reading finite(double value, Instant sampled) {
        return Double.isFinite(value) ? new Reading(value, sampled) : null;
    }
}
