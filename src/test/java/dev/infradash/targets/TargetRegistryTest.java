package dev.infradash.targets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetRegistryTest {

    @TempDir
    Path dir;

    private static String group(String server) {
        return "{\"targets\": [\"127.0.0.1:9100\"], \"labels\": {\"server\": \"" + server
                + "\", \"__infradash_exporter\": \"node\"}}";
    }

    private void write(Path file, String content, long modifiedSecond) throws Exception {
        Path tmp = file.resolveSibling(".tmp");
        Files.writeString(tmp, content);
        Files.setLastModifiedTime(tmp, FileTime.from(Instant.ofEpochSecond(modifiedSecond)));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void missingFileIsAnEmptyFleetWithoutError() {
        TargetRegistry registry =
                new TargetRegistry(new TargetsProperties(dir.resolve("none.json")), new ObjectMapper());
        TargetsState state = registry.current();
        assertThat(state.targets().servers()).isEmpty();
        assertThat(state.error()).isNull();
    }

    @Test
    void picksUpEditsAndKeepsTheLastGoodListWhenTheFileBreaks() throws Exception {
        Path file = dir.resolve("targets.json");
        write(file, "[" + group("a") + "]", 1_000);
        TargetRegistry registry = new TargetRegistry(new TargetsProperties(file), new ObjectMapper());
        assertThat(registry.current().targets().servers())
                .extracting(MonitoredServer::id)
                .containsExactly("a");

        write(file, "[" + group("a") + "," + group("b") + "]", 2_000);
        assertThat(registry.current().targets().servers())
                .extracting(MonitoredServer::id)
                .containsExactly("a", "b");

        write(file, "[{\"targets\": ", 3_000);
        TargetsState broken = registry.current();
        assertThat(broken.error()).contains("is not valid JSON");
        assertThat(broken.targets().servers()).extracting(MonitoredServer::id).containsExactly("a", "b");

        write(file, "[" + group("c") + "]", 4_000);
        TargetsState repaired = registry.current();
        assertThat(repaired.error()).isNull();
        assertThat(repaired.targets().servers()).extracting(MonitoredServer::id).containsExactly("c");
    }

    @Test
    void anUnreadableFileKeepsTheLastGoodList() throws Exception {
        Path file = dir.resolve("targets.json");
        write(file, "[" + group("a") + "]", 1_000);
        TargetRegistry registry = new TargetRegistry(new TargetsProperties(file), new ObjectMapper());
        registry.current();
        // A directory in the file's place cannot be read as a file, even by root.
        Files.delete(file);
        Files.createDirectory(file);
        TargetsState state = registry.current();
        assertThat(state.error()).contains("cannot read");
        assertThat(state.targets().servers()).extracting(MonitoredServer::id).containsExactly("a");
    }
}
