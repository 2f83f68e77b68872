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
}
