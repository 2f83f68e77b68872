package dev.infradash.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infradash.prometheus.AlertmanagerClient;
import dev.infradash.prometheus.AlertmanagerProperties;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered configuration carries the channels' secrets: it was written 0644, readable by every
 * user on the host. Alertmanager is not running here (a closed port): the file is written anyway,
 * as the app does when Alertmanager is away, which is all the mode needs.
 */
class AlertmanagerConfigWriterTest {

    private static final String WITH_SECRET =
            "receivers:\n  - name: ops\n    webhook_configs:\n      - url: https://hooks.example/secret-key\n";

    @TempDir
    Path dir;

    @Test
    void theConfigurationIsNotReadableByOtherUsersNewOrReplaced() throws Exception {
        Path file = dir.resolve("alertmanager.yml");
        try (AlertmanagerClient alertmanager = closedAlertmanager()) {
            AlertmanagerConfigWriter writer = new AlertmanagerConfigWriter(file, alertmanager, Clock.systemUTC());

            writer.apply(WITH_SECRET, List.of());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-r-----");

            // a file an older version (or targets-init's seed) left world-readable is tightened
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            writer.apply(WITH_SECRET.replace("ops", "oncall"), List.of());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-r-----");
            assertThat(Files.readString(file)).contains("oncall");
        }
    }

    private static AlertmanagerClient closedAlertmanager() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        return new AlertmanagerClient(AlertmanagerProperties.of(URI.create("http://127.0.0.1:" + closedPort)));
    }
}
