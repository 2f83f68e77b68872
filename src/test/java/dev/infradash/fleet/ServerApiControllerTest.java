package dev.infradash.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.prometheus.PrometheusProperties;
import dev.infradash.targets.TargetRegistry;
import dev.infradash.targets.TargetsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;

/** Issue 12: /api/servers repeated the targets file's error, which can quote the file, to every caller. */
class ServerApiControllerTest {

    private static final String QUOTING =
            "targets.json is not valid JSON: Unrecognized token 'root:x:0:0:root:/root:/bin/bash'";

    @TempDir
    Path dir;

    private FleetSnapshotPublisher publisher;
    private ServerApiController controller;

    @BeforeEach
    void setUp() {
        TargetRegistry registry =
                new TargetRegistry(new TargetsProperties(dir.resolve("targets.json")), new ObjectMapper());
        publisher = new FleetSnapshotPublisher(
                PrometheusProperties.of(URI.create("http://127.0.0.1:9")), registry, new SimpleMeterRegistry());
        controller = new ServerApiController(publisher);
        TestSnapshots.publish(
                publisher, TestSnapshots.fleet().targetsError(QUOTING).build());
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        publisher.destroy();
    }

    @Test
    void viewersAndAnonymousCallersGetAGenericTargetsError() {
        MockHttpServletRequest viewer = new MockHttpServletRequest();
        viewer.addUserRole("VIEWER");
        for (MockHttpServletRequest request : new MockHttpServletRequest[] {viewer, new MockHttpServletRequest()}) {
            String error = controller.servers(request).targetsError();
            assertThat(error).contains("an admin can see why in Settings").doesNotContain("root");
        }
    }

    @Test
    void adminsGetTheDetail() {
        MockHttpServletRequest admin = new MockHttpServletRequest();
        admin.addUserRole("ADMIN");
        assertThat(controller.servers(admin).targetsError()).isEqualTo(QUOTING);
    }

    @Test
    void withoutAnErrorNothingIsAdded() {
        TestSnapshots.publish(publisher, TestSnapshots.fleet().sequence(2).build());
        assertThat(controller.servers(new MockHttpServletRequest()).targetsError())
                .isNull();
    }

    @Test
    void serversCarryTheirFilesystemsWithANullForecastWhenNotFillingUp() throws Exception {
        TestSnapshots.publish(
                publisher,
                TestSnapshots.fleet()
                        .sequence(2)
                        .servers(TestSnapshots.server("db-1")
                                .filesystems(
                                        new FilesystemUsage("/", 23.5, 5e10, null),
                                        new FilesystemUsage("/data", 91.0, 2e12, 777600.0))
                                .build())
                        .build());
        MockHttpServletRequest viewer = new MockHttpServletRequest();
        viewer.addUserRole("VIEWER");
        com.fasterxml.jackson.databind.JsonNode json =
                new ObjectMapper().findAndRegisterModules().valueToTree(controller.servers(viewer));

        com.fasterxml.jackson.databind.JsonNode filesystems =
                json.get("servers").get(0).get("filesystems");
        assertThat(filesystems).hasSize(2);
        assertThat(filesystems.get(0).get("mountpoint").asText()).isEqualTo("/");
        assertThat(filesystems.get(0).get("usedPercent").asDouble()).isEqualTo(23.5);
        assertThat(filesystems.get(0).get("sizeBytes").asDouble()).isEqualTo(5e10);
        assertThat(filesystems.get(0).has("fullInSeconds")).isTrue();
        assertThat(filesystems.get(0).get("fullInSeconds").isNull()).isTrue();
        assertThat(filesystems.get(1).get("fullInSeconds").asDouble()).isEqualTo(777600.0);
    }
}
