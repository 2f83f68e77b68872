package dev.infradash.targets;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.base.FileOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Builds stores on a temp directory and reads back what they wrote. */
final class StoreFixture {

    static final Actor ALICE = new Actor("alice", "192.0.2.10");
    static final ObjectMapper JSON = new ObjectMapper();

    final Path targets;
    final Path dataDir;
    final AuditLog audit;

    StoreFixture(Path dir) {
        this.targets = dir.resolve("targets/targets.json");
        this.dataDir = dir.resolve("data");
        this.audit = new AuditLog(new DataProperties(dataDir), JSON);
    }

    TargetFileStore store() {
        return store(FileOperations.SYSTEM);
    }

    TargetFileStore store(FileOperations files) {
        return new TargetFileStore(targets, new TargetValidator(), audit, JSON, Clock.systemUTC(), files);
    }

    /** What the collector's reader sees in the file, in the editing model. */
    List<ServerDefinition> read() throws Exception {
        TargetFileContent content = new TargetFile(JSON).load(targets);
        if (content.error() != null) {
            throw new InvalidTargetFileException(content.error());
        }
        return new TargetGroups(JSON).read(content.targets());
    }

    byte[] bytes() {
        try {
            return Files.readAllBytes(targets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files in the targets directory that are neither the targets file nor the lock file. */
    List<String> strayFiles() {
        try (Stream<Path> files = Files.list(targets.getParent())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals("targets.json") && !name.equals(".targets.json.lock"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ServerDefinition server(String id, String host, int port) {
        return new ServerDefinition(
                id, id, "", List.of(new ExporterDefinition(ExporterKind.NODE, host, port)), Map.of());
    }
}
