package dev.infradash.fleet;

import java.util.Optional;

/**
 * Why a server with a GPU exporter shows no GPU, in the same words on the card and in the detail
 * view: not scraped yet is a matter of seconds, an exporter that answers without GPU metrics
 * will never have any (wrong exporter, or no driver on the host), a down exporter needs a look.
 */
public final class GpuNotes {

    public static final String WAITING = "Waiting for the GPU exporter's first scrape";
    public static final String NO_GPU_METRICS =
            "The GPU exporter answers but exports no GPU metrics (dcgm-exporter or nvidia_gpu_exporter expected)";
    public static final String DOWN = "GPU exporter down";

    private GpuNotes() {}

    /** The note under a server's GPUs: empty when its GPUs report, or when it has no GPU exporter. */
    public static Optional<String> note(ServerSnapshot server) {
        Optional<ExporterHealth> exporter =
                server.exporters().stream().filter(e -> e.job().equals("gpu")).findFirst();
        if (exporter.isPresent() && !exporter.get().up()) {
            return Optional.of(DOWN); // its last GPUs, if any, are shown stale above the note
        }
        if (!server.gpus().isEmpty() || !server.gpuExporterConfigured()) {
            return Optional.empty();
        }
        // an up series exists only once Prometheus scraped the target: until then, wait
        return Optional.of(exporter.isEmpty() ? WAITING : NO_GPU_METRICS);
    }
}
