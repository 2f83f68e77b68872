package dev.infradash.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * Loopback stand-in for an NVIDIA GPU exporter: serves a fixed Prometheus text exposition on
 * {@code /metrics} in the dialect of dcgm-exporter or of utkuozdemir/nvidia_gpu_exporter.
 * GPU values can be changed while it runs; the next scrape sees them.
 *
 * <p>Fidelity notes: DCGM values are emitted in DCGM's own integer units (utilisation %, MiB,
 * degrees C rounded), with {@code FB_RESERVED} = 1 % of total so that USED + FREE + RESERVED =
 * total, as on real cards. nvidia_gpu_exporter labels GPUs by the lower-cased UUID without the
 * {@code GPU-} prefix (see {@link #nvidiaSmiUuid}), as the real exporter does.
 */
public final class GpuExporterStub implements AutoCloseable {

    public enum Dialect {
        DCGM,
        NVIDIA_SMI
    }

    /** One GPU. {@code uuid} in nvidia-smi form ({@code GPU-xxxxxxxx-...}); memory in bytes. */
    public record Gpu(
            String uuid,
            String model,
            double utilPercent,
            double memUsedBytes,
            double memTotalBytes,
            double temperatureC,
            double powerW) {
        public Gpu withUtilPercent(double v) {
            return new Gpu(uuid, model, v, memUsedBytes, memTotalBytes, temperatureC, powerW);
        }

        public Gpu withMemUsedBytes(double v) {
            return new Gpu(uuid, model, utilPercent, v, memTotalBytes, temperatureC, powerW);
        }

        public Gpu withTemperatureC(double v) {
            return new Gpu(uuid, model, utilPercent, memUsedBytes, memTotalBytes, v, powerW);
        }

        public Gpu withPowerW(double v) {
            return new Gpu(uuid, model, utilPercent, memUsedBytes, memTotalBytes, temperatureC, v);
        }
    }

    static final String DRIVER_VERSION = "550.54.15";
    private static final double MIB = 1024 * 1024;

    private final Dialect dialect;
    private final String hostname;
    private final HttpServer server;
    private volatile List<Gpu> gpus;

    private GpuExporterStub(Dialect dialect, String hostname, List<Gpu> gpus) throws IOException {
        this.dialect = dialect;
        this.hostname = hostname;
        this.gpus = List.copyOf(gpus);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = metricsText().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public static GpuExporterStub start(Dialect dialect, Gpu... gpus) {
        return start(dialect, "gpu-host", List.of(gpus));
    }

    /** {@code hostname} only shows in the DCGM dialect (its {@code Hostname} label). */
    public static GpuExporterStub start(Dialect dialect, String hostname, List<Gpu> gpus) {
        try {
            return new GpuExporterStub(dialect, hostname, gpus);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start GPU exporter stub on 127.0.0.1", e);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    public List<Gpu> gpus() {
        return gpus;
    }

    public void setGpus(List<Gpu> newGpus) {
        gpus = List.copyOf(newGpus);
    }

    public synchronized void update(int index, UnaryOperator<Gpu> change) {
        List<Gpu> copy = new ArrayList<>(gpus);
        copy.set(index, change.apply(copy.get(index)));
        gpus = List.copyOf(copy);
    }

    /** {@code 127.0.0.1:<port>}, as written into a file_sd target group. */
    public String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public URI url() {
        return URI.create("http://" + hostPort() + "/metrics");
    }

    /** The {@code uuid} label value nvidia_gpu_exporter uses: lower case, no {@code GPU-} prefix. */
    public static String nvidiaSmiUuid(String uuid) {
        String lower = uuid.toLowerCase(Locale.ROOT);
        return lower.startsWith("gpu-") ? lower.substring(4) : lower;
    }

    public String metricsText() {
        List<Gpu> snapshot = gpus;
        return dialect == Dialect.DCGM ? dcgm(snapshot) : nvidiaSmi(snapshot);
    }

    private String dcgm(List<Gpu> gs) {
        StringBuilder sb = new StringBuilder();
        dcgmGauge(sb, gs, "DCGM_FI_DEV_GPU_UTIL", "GPU utilization (in %).", g -> Math.round(g.utilPercent()));
        dcgmGauge(
                sb,
                gs,
                "DCGM_FI_DEV_FB_FREE",
                "Framebuffer memory free (in MiB).",
                g -> totalMib(g) - usedMib(g) - reservedMib(g));
        dcgmGauge(sb, gs, "DCGM_FI_DEV_FB_USED", "Framebuffer memory used (in MiB).", this::usedMib);
        dcgmGauge(sb, gs, "DCGM_FI_DEV_FB_RESERVED", "Framebuffer memory reserved (in MiB).", this::reservedMib);
        dcgmGauge(sb, gs, "DCGM_FI_DEV_GPU_TEMP", "GPU temperature (in C).", g -> Math.round(g.temperatureC()));
        dcgmGauge(sb, gs, "DCGM_FI_DEV_POWER_USAGE", "Power draw (in W).", Gpu::powerW);
        return sb.toString();
    }

    private long totalMib(Gpu g) {
        return Math.round(g.memTotalBytes() / MIB);
    }

    private long usedMib(Gpu g) {
        return Math.round(g.memUsedBytes() / MIB);
    }

    private long reservedMib(Gpu g) {
        return Math.max(0, Math.min(totalMib(g) / 100, totalMib(g) - usedMib(g)));
    }

    private void dcgmGauge(StringBuilder sb, List<Gpu> gs, String name, String help, ToDoubleFunction<Gpu> value) {
        header(sb, name, help);
        for (int i = 0; i < gs.size(); i++) {
            Gpu g = gs.get(i);
            sample(
                    sb,
                    name,
                    value.applyAsDouble(g),
                    "gpu",
                    String.valueOf(i),
                    "UUID",
                    g.uuid(),
                    "device",
                    "nvidia" + i,
                    "modelName",
                    g.model(),
                    "Hostname",
                    hostname,
                    "DCGM_FI_DRIVER_VERSION",
                    DRIVER_VERSION);
        }
    }

    private String nvidiaSmi(List<Gpu> gs) {
        StringBuilder sb = new StringBuilder();
        header(
                sb,
                "nvidia_smi_gpu_info",
                "A metric with a constant '1' value labeled by gpu uuid, name, driver_version.");
        for (Gpu g : gs) {
            sample(
                    sb,
                    "nvidia_smi_gpu_info",
                    1,
                    "uuid",
                    nvidiaSmiUuid(g.uuid()),
                    "name",
                    g.model(),
                    "driver_version",
                    DRIVER_VERSION);
        }
        header(sb, "nvidia_smi_index", "index");
        for (int i = 0; i < gs.size(); i++) {
            sample(sb, "nvidia_smi_index", i, "uuid", nvidiaSmiUuid(gs.get(i).uuid()));
        }
        smiGauge(sb, gs, "nvidia_smi_memory_total_bytes", "memory.total [MiB]", Gpu::memTotalBytes);
        smiGauge(sb, gs, "nvidia_smi_memory_used_bytes", "memory.used [MiB]", Gpu::memUsedBytes);
        smiGauge(sb, gs, "nvidia_smi_power_draw_watts", "power.draw [W]", Gpu::powerW);
        smiGauge(sb, gs, "nvidia_smi_temperature_gpu", "temperature.gpu", Gpu::temperatureC);
        smiGauge(sb, gs, "nvidia_smi_utilization_gpu_ratio", "utilization.gpu [%]", g -> g.utilPercent() / 100);
        return sb.toString();
    }

    private static void smiGauge(
            StringBuilder sb, List<Gpu> gs, String name, String help, ToDoubleFunction<Gpu> value) {
        header(sb, name, help);
        for (Gpu g : gs) {
            sample(sb, name, value.applyAsDouble(g), "uuid", nvidiaSmiUuid(g.uuid()));
        }
    }

    private static void header(StringBuilder sb, String name, String help) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" gauge\n");
    }

    private static void sample(StringBuilder sb, String name, double value, String... labels) {
        sb.append(name).append('{');
        for (int i = 0; i < labels.length; i += 2) {
            if (i > 0) sb.append(',');
            sb.append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
        }
        sb.append("} ").append(format(value)).append('\n');
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String format(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
