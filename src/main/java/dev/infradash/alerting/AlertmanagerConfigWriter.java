package dev.infradash.alerting;

import dev.infradash.base.AtomicFile;
import dev.infradash.base.FileOperations;
import dev.infradash.prometheus.AlertmanagerClient;
import dev.infradash.prometheus.AlertmanagerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Alertmanager's configuration file (atomically) and makes Alertmanager load it. When
 * Alertmanager refuses the new file, the previous one (the last good file) goes back, is
 * reloaded, and the refusal is thrown for the admin: nothing half-applied. When Alertmanager
 * cannot be reached the new file stays (it loads it when it starts) and the status says so.
 */
class AlertmanagerConfigWriter {

    private static final Logger log = LoggerFactory.getLogger(AlertmanagerConfigWriter.class);

    /** The outcome of the last write, for the channels list. */
    record Status(Instant at, boolean loaded, String message) {}

    private final AtomicFile file;
    private final AlertmanagerClient alertmanager;
    private final Clock clock;
    private volatile @Nullable Status status;

    /**
     * The file holds the channels' secrets (bot tokens, SMTP passwords, webhook URLs with keys):
     * the owner writes it, the group reads it, others nothing. Alertmanager runs as the same user
     * (run-local.sh, the tests) or, in compose, as nobody with the app's group added (group_add).
     */
    static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-r-----");

    AlertmanagerConfigWriter(Path configFile, AlertmanagerClient alertmanager, Clock clock) {
        this.file = new AtomicFile(configFile, MODE, clock, FileOperations.SYSTEM);
        this.alertmanager = alertmanager;
        this.clock = clock;
    }

    Path file() {
        return file.path();
    }

    @Nullable
    Status status() {
        return status;
    }

    /**
     * Replaces the file by {@code yaml} and reloads Alertmanager.
     *
     * @param channels the channels in it, to mask their secrets in a refusal's text
     * @throws AlertmanagerConfigRefusedException when Alertmanager refused it (old file restored)
     */
    synchronized void apply(String yaml, List<Channel> channels) {
        byte[] next = yaml.getBytes(StandardCharsets.UTF_8);
        byte[] previous = read();
        if (previous != null && Arrays.equals(previous, next) && status != null && status.loaded()) {
            return; // Alertmanager already runs exactly this
        }
        try {
            file.replace(next);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write Alertmanager's configuration " + file.path(), e);
        }
        try {
            alertmanager.reload();
            status = new Status(clock.instant(), true, "Alertmanager loaded the configuration");
        } catch (AlertmanagerException e) {
            if (e.httpStatus() == 0) {
                status = new Status(
                        clock.instant(),
                        false,
                        "Written; Alertmanager did not answer, it loads the file when it starts");
                log.warn("Wrote {} but Alertmanager did not answer the reload", file.path());
                return;
            }
            String reason = scrub(e.reason() == null ? String.valueOf(e.getMessage()) : e.reason(), channels);
            restore(previous);
            status = new Status(clock.instant(), true, "Alertmanager refused a change and kept the last good one");
            log.warn("Alertmanager refused the new configuration; restored the last good one: {}", reason);
            throw new AlertmanagerConfigRefusedException(
                    "Alertmanager refused the configuration, so nothing was changed: " + reason);
        }
    }

    private void restore(byte @Nullable [] previous) {
        if (previous == null) return;
        try {
            file.replace(previous);
            alertmanager.reload();
        } catch (IOException | AlertmanagerException e) {
            log.error("Could not restore the last good Alertmanager configuration {}: {}", file.path(), e.toString());
        }
    }

    private byte @Nullable [] read() {
        try {
            return Files.exists(file.path()) ? Files.readAllBytes(file.path()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String scrub(String text, List<Channel> channels) {
        String result = text;
        for (Channel channel : channels) result = channel.scrub(result);
        return result.length() > 400 ? result.substring(0, 400) + "…" : result;
    }
}
