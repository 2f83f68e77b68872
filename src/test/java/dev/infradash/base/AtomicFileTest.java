package dev.infradash.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("sub/f.json");
    }

    private List<String> namesInDir() throws IOException {
        try (Stream<Path> files = Files.list(file().getParent())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aNewFileIsReadableByAllAndAReplacementKeepsTheModeItReplaces() throws Exception {
        AtomicFile atomic = new AtomicFile(file(), Clock.systemUTC(), FileOperations.SYSTEM);
        atomic.replace(bytes("one"));
        assertThat(Files.readString(file())).isEqualTo("one");
        assertThat(Files.getPosixFilePermissions(file())).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));

        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r-----"));
        atomic.replace(bytes("two"));
        assertThat(Files.readString(file())).isEqualTo("two");
        assertThat(Files.getPosixFilePermissions(file())).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(namesInDir()).containsExactly("f.json");
    }

    /** Issue 12: a replace turned a symlinked file into a plain one; it now writes the link's target. */
    @Test
    void aReplaceWritesThroughASymlinkAndKeepsTheLink() throws Exception {
        Path real = dir.resolve("elsewhere/real.json");
        Files.createDirectories(real.getParent());
        Files.writeString(real, "old");
        Files.createDirectories(file().getParent());
        Files.createSymbolicLink(file(), real);

        new AtomicFile(file(), Clock.systemUTC(), FileOperations.SYSTEM).replace(bytes("new"));

        assertThat(Files.isSymbolicLink(file())).as("still a link").isTrue();
        assertThat(Files.readSymbolicLink(file())).isEqualTo(real);
        assertThat(Files.readString(real)).isEqualTo("new");
        assertThat(namesInDir()).containsExactly("f.json");
        try (Stream<Path> files = Files.list(real.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temp file left")
                    .containsExactly("real.json");
        }
    }

    @Test
    void aReplaceThroughADanglingSymlinkIsRefusedAndTheLinkKept() throws Exception {
        Files.createDirectories(file().getParent());
        Files.createSymbolicLink(file(), dir.resolve("missing/real.json"));

        assertThatThrownBy(() -> new AtomicFile(file(), Clock.systemUTC(), FileOperations.SYSTEM).replace(bytes("new")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("symbolic link");
        assertThat(Files.isSymbolicLink(file())).isTrue();
        assertThat(namesInDir()).containsExactly("f.json");
    }

    /** Issue 12: the backup of a symlinked file copied whatever the link pointed at (/etc/passwd). */
    @Test
    void noBackupIsKeptOfASymlinkedFile() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "root:x:0:0:root:/root:/bin/bash");
        Files.createDirectories(file().getParent());
        Files.createSymbolicLink(file(), secret);

        assertThatThrownBy(() -> new AtomicFile(file(), Clock.systemUTC(), FileOperations.SYSTEM)
                        .keepCopy(Files.readAllBytes(file()), ".broken"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("symbolic link");
        assertThat(namesInDir()).containsExactly("f.json");
    }

    @Test
    void aFixedModeIsAppliedEvenOverAFileReadableByAll() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "old");
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));
        new AtomicFile(file(), AtomicFile.OWNER_ONLY, Clock.systemUTC(), FileOperations.SYSTEM)
                .replace(bytes("secret"));
        assertThat(Files.getPosixFilePermissions(file())).isEqualTo(AtomicFile.OWNER_ONLY);
    }

    @Test
    void aFailingFsyncLeavesTheOldFileAndNoTempFile() throws Exception {
        AtomicFile atomic = new AtomicFile(file(), Clock.systemUTC(), FileOperations.SYSTEM);
        atomic.replace(bytes("old"));
        AtomicFile failing = new AtomicFile(file(), Clock.systemUTC(), new FileOperations() {
            @Override
            public void force(FileChannel channel) throws IOException {
                throw new IOException("Input/output error");
            }
        });
        assertThatThrownBy(() -> failing.replace(bytes("new")))
                .isInstanceOf(IOException.class)
                .hasMessage("Input/output error");
        assertThat(Files.readString(file())).isEqualTo("old");
        assertThat(namesInDir()).containsExactly("f.json");
    }

    @Test
    void anAppendAfterALineCutShortByACrashStartsOnALineOfItsOwn() throws Exception {
        AtomicFile log = new AtomicFile(file(), Clock.systemUTC(), FileOperations.SYSTEM);
        log.appendLine(bytes("first\n"));
        Files.writeString(file(), "half", java.nio.file.StandardOpenOption.APPEND);
        log.appendLine(bytes("second\n"));
        assertThat(Files.readAllLines(file())).containsExactly("first", "half", "second");
    }

    @Test
    void aCopyNeverOverwritesAnother() throws Exception {
        AtomicFile atomic = new AtomicFile(file(), Clock.systemUTC(), FileOperations.SYSTEM);
        Path first = atomic.keepCopy(bytes("a"), ".bak");
        Path second = atomic.keepCopy(bytes("b"), ".bak");
        assertThat(first.getFileName()).hasToString("f.json.bak");
        assertThat(second.getFileName()).hasToString("f.json.bak-2");
        assertThat(Files.readString(first)).isEqualTo("a");
        assertThat(Files.readString(second)).isEqualTo("b");
    }

    @Test
    void strayTempFilesOfThisFileAreRemovedAndNothingElse() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file().resolveSibling(".f.json.123.tmp"), "[{\"half");
        Files.writeString(file().resolveSibling(".other.json.123.tmp"), "not ours");
        new AtomicFile(file(), Clock.systemUTC(), FileOperations.SYSTEM).removeStrayTempFiles();
        assertThat(namesInDir()).containsExactly(".f.json.lock", ".other.json.123.tmp");
    }

    @Test
    void withoutStrayTempFilesNoLockFileIsCreated() throws Exception {
        Files.createDirectories(file().getParent());
        new AtomicFile(file(), Clock.systemUTC(), FileOperations.SYSTEM).removeStrayTempFiles();
        assertThat(namesInDir()).isEmpty();
    }
}
