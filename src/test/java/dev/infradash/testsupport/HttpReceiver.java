package dev.infradash.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A real HTTP receiver on a free 127.0.0.1 port (the JDK's HttpServer), as a webhook, ntfy or
 * chat endpoint would be: it records every request and answers {@link #respondWith(int)} (200 by
 * default). Tests wait for a request with {@link #await(Predicate, Duration)}, never sleep.
 */
public final class HttpReceiver implements AutoCloseable {

    /** One request as received. Header names are lower case. */
    public record Received(Instant at, String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? "" : values.get(0);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    private HttpReceiver(HttpServer server) {
        this.server = server;
    }

    public static HttpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            HttpReceiver receiver = new HttpReceiver(server);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Map<String, List<String>> headers = new java.util.HashMap<>();
                exchange.getRequestHeaders()
                        .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
                receiver.received.add(new Received(
                        Instant.now(),
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().toString(),
                        Map.copyOf(headers),
                        new String(body, StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(receiver.status, -1);
                exchange.close();
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL of {@code path} on this receiver, e.g. {@code url("/hook")}. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Answers every further request with this status (e.g. 500 to make a sender fail). */
    public void respondWith(int statusCode) {
        status = statusCode;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits for the first request matching {@code condition}; fails after {@code timeout}. */
    public Received await(Predicate<Received> condition, Duration timeout) {
        Awaitility.await()
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> received.stream().anyMatch(condition));
        return received.stream().filter(condition).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
