package dev.infradash.targets;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.base.FileOperations;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Child process of {@link TargetFileStoreKillIT}: saves generation after generation through the
 * real store as fast as it can, printing each generation before it saves it, until it is killed.
 * Arguments: targets file, data directory, first generation.
 */
final class TargetStoreKillTarget {

    private TargetStoreKillTarget() {}

    /** Two shapes of different size, alternating, each with its generation in a label. */
    static List<ServerDefinition> generation(long generation) {
        List<ServerDefinition> servers = new ArrayList<>();
        int count = generation % 2 == 0 ? 1 : 3;
        for (int i = 0; i < count; i++) {
            servers.add(new ServerDefinition(
                    "server-" + i,
                    "Server " + i,
                    "kill-test",
                    List.of(
                            new ExporterDefinition(ExporterKind.NODE, "10.0.0." + (i + 1), 9100),
                            new ExporterDefinition(ExporterKind.GPU, "10.0.0." + (i + 1), 9400)),
                    Map.of("generation", Long.toString(generation))));
        }
        return servers;
    }

    public static void main(String[] args) {
        ObjectMapper json = new ObjectMapper();
        TargetFileStore store = new TargetFileStore(
                Path.of(args[0]),
                new TargetValidator(),
                new AuditLog(new DataProperties(Path.of(args[1])), json),
                json,
                Clock.systemUTC(),
                FileOperations.SYSTEM);
        Actor actor = new Actor("kill-test", "127.0.0.1");
        String version = store.load().version();
        System.out.println("READY");
        for (long generation = Long.parseLong(args[2]); ; generation++) {
            System.out.println("SAVING " + generation);
            version = store.save(generation(generation), version, actor);
        }
    }
}
