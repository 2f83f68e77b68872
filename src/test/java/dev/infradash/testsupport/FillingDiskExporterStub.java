package dev.infradash.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Loopback stand-in for the filesystem part of node_exporter with ONE filesystem that fills up at
 * a steady rate: the fault on demand behind the disk-full forecast. A real node_exporter reports
 * the machine's real filesystems, which do not fill while a test watches.
 *
 * <p>It serves {@code node_filesystem_{size,avail,free,files,files_free,readonly}_bytes} for one
 * ext4 mount as node_exporter names them; avail (and free, as root reserves nothing here) shrinks
 * linearly from the moment it starts, so that the disk is full {@code fullAfter} later.
 */
public final class FillingDiskExporterStub implements AutoCloseable {

    private final String mountpoint;
    private final double sizeBytes;
    private final double availAtStart;
    private final Duration fullAfter;
    private final Instant started;
    private final Clock clock;
    private final HttpServer server;

    private FillingDiskExporterStub(String mountpoint, double sizeBytes, double availAtStart, Duration fullAfter)
            throws IOException {
        this.mountpoint = mountpoint;
        this.sizeBytes = sizeBytes;
        this.availAtStart = availAtStart;
        this.fullAfter = fullAfter;
        this.clock = Clock.systemUTC();
        this.started = clock.instant();
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

    /**
     * A filesystem at {@code mountpoint} of {@code sizeBytes} with {@code availAtStart} free now and
     * none left {@code fullAfter} from now.
     */
    public static FillingDiskExporterStub start(
            String mountpoint, double sizeBytes, double availAtStart, Duration fullAfter) {
        try {
            return new FillingDiskExporterStub(mountpoint, sizeBytes, availAtStart, fullAfter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** When the filesystem is full at its rate, as the forecast should say. */
    public Instant fullAt() {
        return started.plus(fullAfter);
    }

    /** Free bytes now: shrinking by the same number of bytes every second. */
    public double availNow() {
        double elapsed = Duration.between(started, clock.instant()).toMillis() / 1000.0;
        double perSecond = availAtStart / fullAfter.toSeconds();
        return Math.max(0, availAtStart - perSecond * elapsed);
    }

    String metricsText() {
        String labels =
                String.format(Locale.ROOT, "{device=\"/dev/vdz1\",fstype=\"ext4\",mountpoint=\"%s\"}", mountpoint);
        double avail = availNow();
        StringBuilder sb = new StringBuilder();
        gauge(sb, "node_filesystem_size_bytes", labels, sizeBytes);
        gauge(sb, "node_filesystem_avail_bytes", labels, avail);
        gauge(sb, "node_filesystem_free_bytes", labels, avail);
        gauge(sb, "node_filesystem_files", labels, 6_553_600);
        gauge(sb, "node_filesystem_files_free", labels, 6_000_000);
        gauge(sb, "node_filesystem_readonly", labels, 0);
        return sb.toString();
    }

    private static void gauge(StringBuilder sb, String name, String labels, double value) {
        sb.append("# TYPE ").append(name).append(" gauge\n");
        sb.append(name)
                .append(labels)
                .append(' ')
                .append(String.format(Locale.ROOT, "%.1f", value))
                .append('\n');
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
