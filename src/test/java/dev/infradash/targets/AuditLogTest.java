package dev.infradash.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path dir;

    private AuditLog log() {
        return new AuditLog(new DataProperties(dir.resolve("data")), StoreFixture.JSON);
    }

    private static AuditEntry entry(int i) {
        return new AuditEntry(
                Instant.ofEpochSecond(1_800_000_000L + i),
                "user\n" + i,
                "192.0.2." + i,
                AuditAction.ADD,
                List.of(),
                List.of(StoreFixture.server("s" + i, "10.0.0." + i, 9100)),
                null);
    }

    /** Issue 12: audit.jsonl (who changed what, from which address) was readable by every user on the host. */
    @Test
    void theLogIsReadableByItsOwnerOnlyAndAnOlderLogIsTightened() throws Exception {
        AuditLog log = log();
        log.append(entry(1));
        assertThat(Files.getPosixFilePermissions(log.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        Files.setPosixFilePermissions(log.file(), PosixFilePermissions.fromString("rw-r--r--"));
        log().append(entry(2));
        assertThat(Files.getPosixFilePermissions(log.file()))
                .as("a log written by an older version")
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(log.recent(5)).hasSize(2);
    }

    @Test
    void returnsTheLastEntriesNewestFirstAcrossReadBlocks() throws Exception {
        AuditLog log = log();
        // enough entries that the reader has to go back over several 64 KB blocks
        for (int i = 0; i < 1500; i++) {
            log.append(entry(i % 250));
        }
        assertThat(Files.size(log.file())).isGreaterThan(3 * 64 * 1024);
        List<AuditEntry> recent = log.recent(600);
        assertThat(recent).hasSize(600);
        assertThat(recent.get(0)).isEqualTo(entry(1499 % 250));
        assertThat(recent.get(599)).isEqualTo(entry(900 % 250));
        assertThat(log.recent(5000)).hasSize(1500);
        assertThat(Files.readAllLines(log.file())).hasSize(1500);
    }

    @Test
    void aPartiallyWrittenLastLineIsSkippedAndTheNextEntryStaysReadable() throws Exception {
        AuditLog log = log();
        log.append(entry(1));
        log.append(entry(2));
        // a crash in the middle of the third append
        Files.writeString(
                log.file(),
                "{\"time\":\"2027-01-15T08:00:03Z\",\"user\":\"ali",
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        assertThat(log.recent(10)).containsExactly(entry(2), entry(1));

        log.append(entry(4));
        assertThat(log.recent(10)).containsExactly(entry(4), entry(2), entry(1));
        assertThat(Files.readAllLines(log.file())).hasSize(4);
    }

    @Test
    void aMissingLogIsEmpty() {
        assertThat(log().recent(10)).isEmpty();
        assertThat(log().recent(0)).isEmpty();
    }

    @Test
    void garbageLinesAreSkipped() throws Exception {
        AuditLog log = log();
        log.append(entry(1));
        Files.writeString(log.file(), "not json\n{\"time\":\"bad\"}\n\n", StandardOpenOption.APPEND);
        log.append(entry(2));
        assertThat(log.recent(10)).containsExactly(entry(2), entry(1));
        assertThat(IntStream.range(0, 3).mapToObj(i -> log.recent(1)).toList())
                .allSatisfy(l -> assertThat(l).containsExactly(entry(2)));
    }
}
