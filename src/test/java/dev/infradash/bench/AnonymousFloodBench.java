package dev.infradash.bench;

import dev.infradash.bench.InfradashBench.App;
import dev.infradash.bench.InfradashBench.Config;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What anonymous visitors cost (security review: ~18,000 anonymous {@code GET /?v-r=init} requests
 * from one client exhausted the container's heap in ~2 minutes). The production jar with the
 * container's JVM sizing; BENCH_FLOOD_REQUESTS (default 50,000) anonymous UI inits in a row, in
 * two phases: every request from a new client address (X-Forwarded-For through the trusted proxy
 * 127.0.0.1, the worst case for the overall limit), then all from one address. The app runs in
 * kiosk mode as the other benches do, so anonymous overview UIs are allowed too. A logged-in user's
 * API call is timed throughout. Prints a table; run by {@code scripts/bench.sh flood}.
 */
public final class AnonymousFloodBench {

    private static final int THREADS = 4;

    private AnonymousFloodBench() {}

    public static void main(String[] args) throws Exception {
        int requests = Integer.parseInt(System.getenv().getOrDefault("BENCH_FLOOD_REQUESTS", "50000"));
        Config config = Config.fromEnv(new String[] {"grid"});
        List<String> rows = new ArrayList<>();
        try (InfradashBench.Fleet fleet = InfradashBench.startFleet(3, Duration.ofSeconds(15));
                App app = App.start(config, fleet.stack(), "--infradash.security.trusted-proxies=127.0.0.1")) {
            HttpClient admin = HttpClient.newBuilder()
                    .proxy(HttpClient.Builder.NO_PROXY)
                    .cookieHandler(new CookieManager())
                    .build();
            String form = "username=admin&password="
                    + URLEncoder.encode("bench-admin-password-not-used", StandardCharsets.UTF_8);
            int login = admin.send(
                            HttpRequest.newBuilder(URI.create(app.url("/login")))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(form))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (login != 302) {
                throw new IllegalStateException("admin login answered " + login);
            }
            double heapBefore = app.heapAfterGcMb();
            double rssBefore = app.rssMb();
            rows.add(row("before", 0, 0, Map.of(), heapBefore, rssBefore, sessions(app), apiMillis(admin, app)));
            for (String phase : List.of("every request a new address", "all from one address")) {
                long start = System.nanoTime();
                Map<Integer, Integer> statuses = flood(app, requests, phase.startsWith("every"));
                double seconds = (System.nanoTime() - start) / 1e9;
                long api = apiMillis(admin, app);
                rows.add(row(phase, requests, seconds, statuses, app.heapAfterGcMb(), app.rssMb(), sessions(app), api));
                if (!app.process.isAlive()) {
                    rows.add("| the app died |");
                    break;
                }
            }
            InfradashBench.log("heap after GC grew by %.1f MB in all", app.heapAfterGcMb() - heapBefore);
        }
        System.out.println();
        System.out.println(
                "| phase | requests | s | req/s | statuses | heap after GC MB | RSS MB | Tomcat sessions | logged-in API call ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static Map<Integer, Integer> flood(App app, int requests, boolean newAddressEach) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .proxy(HttpClient.Builder.NO_PROXY)
                .build(); // no cookies: a new session each time
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        HttpRequest.Builder request =
                                HttpRequest.newBuilder(URI.create(app.url("/?v-r=init&location=login")));
                        if (newAddressEach) {
                            request.header(
                                    "X-Forwarded-For",
                                    "10." + ((i >> 16) & 255) + "." + ((i >> 8) & 255) + "." + (i & 255));
                        }
                        int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        statuses.merge(status, 1, Integer::sum);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return statuses;
    }

    private static long apiMillis(HttpClient admin, App app) throws Exception {
        long start = System.nanoTime();
        int status = admin.send(
                        HttpRequest.newBuilder(URI.create(app.url("/api/servers")))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
        long millis = (System.nanoTime() - start) / 1_000_000;
        return status == 200 ? millis : -status;
    }

    private static double sessions(App app) {
        try {
            return app.metric("tomcat_sessions_active_current_sessions", "");
        } catch (RuntimeException notExported) {
            return Double.NaN;
        }
    }

    private static String row(
            String phase,
            int requests,
            double seconds,
            Map<Integer, Integer> statuses,
            double heap,
            double rss,
            double sessions,
            long apiMillis) {
        List<String> counts = new ArrayList<>();
        statuses.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> counts.add(e.getValue() + "× " + e.getKey()));
        return String.format(
                "| %s | %,d | %.0f | %s | %s | %.1f | %.0f | %.0f | %s |",
                phase,
                requests,
                seconds,
                seconds > 0 ? String.format("%,.0f", requests / seconds) : "–",
                counts.isEmpty() ? "–" : String.join(", ", counts),
                heap,
                rss,
                sessions,
                apiMillis >= 0 ? Long.toString(apiMillis) : "FAILED " + Math.negateExact(apiMillis));
    }
}
