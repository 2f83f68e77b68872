package dev.infradash.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback cache in front of one real node_exporter, for the large bench fleets: it serves the
 * exporter's last answer (gzipped, as node_exporter sends it to Prometheus) and asks the exporter
 * again at most once per {@code maxAge}.
 *
 * <p>Why: the bench simulates N servers with 3 node_exporters on the box under test. At N=2,000
 * and a 15 s scrape each exporter answered ~49 scrapes a second, reading /proc and /sys and
 * gzipping every answer, and the three of them took most of the 2 cores that Prometheus, the app
 * and the browser were being measured on (a real fleet runs each exporter on its own server).
 * Behind the cache each exporter is asked about once a second; Prometheus still scrapes, parses
 * and stores every target's full answer, and the values are the real exporter's, at most
 * {@code maxAge} old.
 */
final class ExporterCache implements AutoCloseable {

    private final URI upstream;
    private final long maxAgeNanos;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient http = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final AtomicLong upstreamRequests = new AtomicLong();
    private volatile Answer answer = new Answer(new byte[0], "", 0);

    private record Answer(byte[] body, String contentType, long fetchedAtNanos) {}

    private ExporterCache(String upstreamHostPort, Duration maxAge) throws IOException {
        this.upstream = URI.create("http://" + upstreamHostPort + "/metrics");
        this.maxAgeNanos = maxAge.toNanos();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext("/metrics", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    static ExporterCache start(String upstreamHostPort, Duration maxAge) {
        try {
            return new ExporterCache(upstreamHostPort, maxAge);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    long upstreamRequests() {
        return upstreamRequests.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer current;
            try {
                current = fresh();
            } catch (IOException | RuntimeException e) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", current.contentType());
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(200, current.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(current.body());
            }
        }
    }

    /** The cached answer, fetched again (by one thread; the others wait for it) when too old. */
    private Answer fresh() throws IOException {
        Answer current = answer;
        if (System.nanoTime() - current.fetchedAtNanos() < maxAgeNanos && current.body().length > 0) {
            return current;
        }
        synchronized (this) {
            current = answer;
            if (System.nanoTime() - current.fetchedAtNanos() < maxAgeNanos && current.body().length > 0) {
                return current;
            }
            HttpRequest request = HttpRequest.newBuilder(upstream)
                    .header("Accept-Encoding", "gzip")
                    .timeout(Duration.ofSeconds(10))
                    .build();
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                upstreamRequests.incrementAndGet();
                if (response.statusCode() != 200
                        || !"gzip"
                                .equals(response.headers()
                                        .firstValue("Content-Encoding")
                                        .orElse(""))) {
                    throw new IOException("exporter answered " + response.statusCode() + " "
                            + response.headers().firstValue("Content-Encoding").orElse("(not gzipped)"));
                }
                answer = new Answer(
                        response.body(),
                        response.headers().firstValue("Content-Type").orElse("text/plain; version=0.0.4"),
                        System.nanoTime());
                return answer;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
