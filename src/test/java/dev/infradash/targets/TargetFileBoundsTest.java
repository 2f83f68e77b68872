package dev.infradash.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounds when READING the file (security review: "a hand-edited 19.5 MB display name is served in
 * every /api/servers answer"): far above what the editor saves, so a value that breaks an editing
 * rule is still read and repairable, but an absurd one is refused with a message naming it.
 */
class TargetFileBoundsTest {

    private final TargetFile reader = new TargetFile(new ObjectMapper());

    @TempDir
    Path dir;

    private static String group(String server, String name) {
        return "{\"targets\": [\"10.0.0.1:9100\"], \"labels\": {\"server\": \"" + server
                + "\", \"__infradash_exporter\": \"node\", \"__infradash_name\": \"" + name + "\"}}";
    }

    @Test
    void aNameTheEditorWouldRefuseIsStillReadSoItCanBeRepaired() throws Exception {
        Path file = dir.resolve("targets.json");
        Files.writeString(file, "[" + group("long", "N".repeat(10_000)) + "]");
        TargetFileContent content = reader.load(file);
        assertThat(content.error()).isNull();
        assertThat(content.targets().servers())
                .singleElement()
                .satisfies(server -> assertThat(server.displayName()).hasSize(10_000));
    }

    @Test
    void anAbsurdlyLongNameIsRefusedNamingTheServerAndTheLabel() throws Exception {
        Path file = dir.resolve("targets.json");
        Files.writeString(file, "[" + group("huge", "N".repeat(2_000_000)) + "]");
        TargetFileContent content = reader.load(file);
        assertThat(content.targets()).isNull();
        assertThat(content.error())
                .contains("server \"huge\"")
                .contains("\"__infradash_name\"")
                .contains("2000000 characters")
                .contains("at most 16384")
                .hasSizeLessThan(400);
    }

    @Test
    void anAbsurdlyLongLabelNameIsRefused() throws Exception {
        Path file = dir.resolve("targets.json");
        Files.writeString(
                file,
                "[{\"targets\": [\"10.0.0.1:9100\"], \"labels\": {\"server\": \"a\", "
                        + "\"__infradash_exporter\": \"node\", \"" + "x".repeat(5000) + "\": \"v\"}}]");
        assertThat(reader.load(file).error())
                .contains("server \"a\"")
                .contains("label name of 5000 characters")
                .hasSizeLessThan(400);
    }

    @Test
    void aFileAbove16MiBIsNotReadAndItsVersionStillFollowsItsContent() throws Exception {
        Path file = dir.resolve("targets.json");
        writeLargeFile(file, 'a');
        TargetFileContent first = reader.load(file);
        assertThat(first.error()).contains("larger than 16 MiB").doesNotContain("NNNN");
        assertThat(first.bytes()).as("not held in memory").isNull();
        writeLargeFile(file, 'b');
        assertThat(reader.load(file).version()).isNotEqualTo(first.version());
    }

    @Test
    void theStoreRefusesToOverwriteAFileItCannotKeepABackupOf() throws Exception {
        StoreFixture fixture = new StoreFixture(dir);
        Files.createDirectories(fixture.targets.getParent());
        writeLargeFile(fixture.targets, 'a');
        TargetFileStore store = fixture.store();
        UnparseableTargetsException unreadable = catchThrowableOfType(UnparseableTargetsException.class, store::load);
        assertThat(unreadable.reason()).contains("larger than 16 MiB");
        TargetsWriteException refused = catchThrowableOfType(
                TargetsWriteException.class,
                () -> store.save(List.of(), unreadable.version(), StoreFixture.ALICE, true));
        assertThat(refused).hasMessageContaining("move it away by hand");
        assertThat(Files.size(fixture.targets)).isGreaterThan(TargetFile.MAX_FILE_BYTES);
    }

    /** A valid-looking file just over the bound, whose last byte is {@code last}. */
    private static void writeLargeFile(Path file, char last) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] chunk = " ".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII);
            out.write("[".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 16; i++) {
                out.write(chunk);
            }
            out.write(("]" + last).getBytes(StandardCharsets.US_ASCII));
        }
    }
}
