package dev.infradash.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL at random moments of a save loop in a child JVM: the targets file must always be one
 * of the saved versions, whole, and the temp files a kill leaves are removed by the next store.
 */
class TargetFileStoreKillIT {

    // each kill starts a JVM (~2 s): 12 random moments keep CI inside its 15 minutes
    private static final int KILLS = 12;

    @TempDir
    Path dir;

    @Test
    void aKilledSaveLeavesTheOldOrTheNewFileNeverAPartialOne() throws Exception {
        StoreFixture fixture = new StoreFixture(dir);
        String initial =
                fixture.store().save(TargetStoreKillTarget.generation(0), Versioned.NO_FILE, StoreFixture.ALICE);
        assertThat(initial).isNotNull();
        Random random = new Random(42);
        List<ServerDefinition> lastState = TargetStoreKillTarget.generation(0);
        int killsMidSave = 0;
        int strayTemps = 0;
        long started = System.nanoTime();

        for (int kill = 1; kill <= KILLS; kill++) {
            long firstGeneration = kill * 1_000_000L;
            Process child = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-XX:TieredStopAtLevel=1",
                            "-XX:+UseSerialGC",
                            "-Xmx64m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            TargetStoreKillTarget.class.getName(),
                            fixture.targets.toString(),
                            fixture.dataDir.toString(),
                            Long.toString(firstGeneration))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            int killAfter = 1 + random.nextInt(25);
            long lastAnnounced = -1;
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                int announced = 0;
                String line;
                while (announced < killAfter && (line = out.readLine()) != null) {
                    if (line.startsWith("SAVING ")) {
                        announced++;
                        lastAnnounced = Long.parseLong(line.substring(7));
                    }
                }
                // a random moment inside (or just after) that save: fsyncs take a few ms
                long until = System.nanoTime() + random.nextInt(8_000_000);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                // SIGKILL on Linux. Through the handle: Process.destroyForcibly() would also close
                // our end of the pipe, losing the lines the child printed just before it died.
                child.toHandle().destroyForcibly();
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
                // lines the child printed before dying that were still in the pipe
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("SAVING ")) {
                        lastAnnounced = Long.parseLong(line.substring(7));
                    }
                }
            }
            assertThat(child.exitValue()).as("killed, not crashed").isEqualTo(137);
            assertThat(lastAnnounced).as("child %d saved something", kill).isGreaterThanOrEqualTo(firstGeneration);

            List<ServerDefinition> onDisk = fixture.read(); // parses with TargetFile, or throws
            List<ServerDefinition> announcedState = TargetStoreKillTarget.generation(lastAnnounced);
            List<ServerDefinition> previousState =
                    lastAnnounced == firstGeneration ? lastState : TargetStoreKillTarget.generation(lastAnnounced - 1);
            assertThat(onDisk)
                    .as("after kill %d the file is the last save or the one before it", kill)
                    .isIn(announcedState, previousState);
            if (onDisk.equals(previousState)) {
                killsMidSave++;
            }
            lastState = onDisk;
            strayTemps += (int) fixture.strayFiles().stream()
                    .filter(name -> name.endsWith(".tmp"))
                    .count();
            assertThat(fixture.strayFiles())
                    .allSatisfy(name ->
                            assertThat(name).startsWith(".targets.json.").endsWith(".tmp"));
            assertThat(fixture.audit.recent(5)).isNotEmpty();
        }

        TargetFileStore restarted = fixture.store();
        assertThat(fixture.strayFiles()).as("the next store start cleans up").isEmpty();
        assertThat(restarted.load().value()).isEqualTo(lastState);
        System.out.printf(
                "%d SIGKILLs in %.1f s: %d hit before the rename (old file kept), %d temp files left and cleaned up%n",
                KILLS, (System.nanoTime() - started) / 1e9, killsMidSave, strayTemps);
        assertThat(Files.readAllLines(fixture.audit.file())).isNotEmpty();
    }
}
