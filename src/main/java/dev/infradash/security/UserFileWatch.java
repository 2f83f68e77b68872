package dev.infradash.security;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Looks at users.json once per refresh interval (one stat when nothing changed), so that a user
 * another Infradash instance on the same data directory deleted, demoted or gave a new password
 * loses their sessions here within one cycle, open tabs included, even when none of them sends
 * a request that would read the users (a tab that only receives push does not).
 */
@Component
class UserFileWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UserFileWatch.class);

    private final UserStore store;
    private final Duration interval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "users-file-watch");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean running;

    UserFileWatch(UserStore store, @Value("${infradash.refresh-interval:5s}") Duration interval) {
        this.store = store;
        this.interval = interval;
    }

    @Override
    public void start() {
        long millis = Math.max(100, interval.toMillis());
        timer.scheduleWithFixedDelay(this::look, millis, millis, TimeUnit.MILLISECONDS);
        running = true;
    }

    private void look() {
        try {
            store.refresh();
        } catch (RuntimeException e) {
            log.warn("Could not check the users file for changes: {}", e.getMessage());
        }
    }

    @Override
    public void stop() {
        timer.shutdownNow();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
