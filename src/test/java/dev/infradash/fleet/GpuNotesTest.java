package dev.infradash.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Issue 15: "No GPU data yet" for an exporter that will never have any; ifb devices and container mounts. */
class GpuNotesTest {

    private static final Instant T = TestSnapshots.COLLECTED_AT;

    @Test
    void waitingForTheFirstScrapeIsToldApartFromAnExporterWithoutGpuMetrics() {
        ServerSnapshot notScraped =
                TestSnapshots.server("ai").gpuExporterConfigured(true).build();
        assertThat(GpuNotes.note(notScraped)).contains(GpuNotes.WAITING);

        ServerSnapshot answersWithoutGpus = TestSnapshots.server("ai")
                .exporter("gpu", true, T)
                .gpuExporterConfigured(true)
                .build();
        assertThat(GpuNotes.note(answersWithoutGpus)).contains(GpuNotes.NO_GPU_METRICS);

        ServerSnapshot down = TestSnapshots.server("ai")
                .exporter("gpu", false, T)
                .gpuExporterConfigured(true)
                .build();
        assertThat(GpuNotes.note(down)).contains(GpuNotes.DOWN);

        assertThat(GpuNotes.note(TestSnapshots.server("web").build()))
                .as("no GPU exporter")
                .isEmpty();
    }

    @Test
    void virtualInterfacesAndContainerMountsAreFilteredByDefault() throws Exception {
        java.lang.reflect.Parameter[] c = CollectorProperties.class.getDeclaredConstructors()[0].getParameters();
        Pattern devices =
                Pattern.compile(c[3].getAnnotation(org.springframework.boot.context.properties.bind.DefaultValue.class)
                        .value()[0]);
        Pattern mounts =
                Pattern.compile(c[6].getAnnotation(org.springframework.boot.context.properties.bind.DefaultValue.class)
                        .value()[0]);
        assertThat(devices.matcher("ifb0").matches()).isTrue();
        assertThat(devices.matcher("ifb1").matches()).isTrue();
        assertThat(devices.matcher("eth0").matches()).isFalse();
        assertThat(devices.matcher("enp3s0").matches()).isFalse();
        assertThat(mounts.matcher("/var/lib/docker/containers/abc/mounts/shm").matches())
                .isTrue();
        assertThat(mounts.matcher("/var/lib/kubelet/pods/x/volumes/y").matches())
                .isTrue();
        assertThat(mounts.matcher("/etc/hosts").matches()).isTrue();
        assertThat(mounts.matcher("/run/containerd/io.containerd.runtime.v2.task/k8s.io/x/rootfs")
                        .matches())
                .isTrue();
        assertThat(mounts.matcher("/").matches()).isFalse();
        assertThat(mounts.matcher("/data").matches()).isFalse();
        assertThat(mounts.matcher("/boot").matches()).isFalse();
        assertThat(mounts.matcher("/var/lib/postgresql").matches()).isFalse();
    }
}
