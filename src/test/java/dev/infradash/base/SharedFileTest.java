package dev.infradash.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedFileTest {

    @TempDir
    Path dir;

    private SharedFile<List<String>> shared(Path path) {
        return new SharedFile<>(
                new AtomicFile(path, AtomicFile.OWNER_ONLY, Clock.systemUTC(), FileOperations.SYSTEM),
                file -> Files.exists(file) ? List.copyOf(Files.readAllLines(file)) : List.of(),
                lines -> String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Review D2: on NFS a stat may answer from the attribute cache, so the stamp looks unchanged
     * although another instance wrote the file. Stood in for here by a rewrite in place (same
     * inode, same size) that puts the old modification time back. A change under the lock must
     * apply to the file as it is, not to the cached copy, or the other write is lost.
     */
    @Test
    void anUpdateAppliesToTheFileAsItIsEvenWhenItsStampLooksUnchanged() throws IOException {
        Path path = dir.resolve("list.txt");
        SharedFile<List<String>> file = shared(path);
        file.update(lines -> List.of("a"));
        assertThat(file.read()).containsExactly("a");
        FileTime modified = Files.getLastModifiedTime(path);
        FileStamp before = FileStamp.of(path);

        Files.writeString(path, "b", StandardOpenOption.WRITE); // another instance's change, same length
        Files.setLastModifiedTime(path, modified);
        assertThat(FileStamp.of(path)).as("the stat lies").isEqualTo(before);

        file.update(lines -> {
            List<String> next = new ArrayList<>(lines);
            next.add("x");
            return next;
        });

        assertThat(Files.readAllLines(path)).as("the other change kept").containsExactly("b", "x");
    }

    @Test
    void anUnchangedFileIsNotParsedAgainOutsideTheLock() throws IOException {
        Path path = dir.resolve("list.txt");
        SharedFile<List<String>> file = shared(path);
        file.update(lines -> List.of("a"));
        assertThat(file.read()).as("the cached copy").isSameAs(file.read());
    }

    /**
     * Review D3: a file that goes missing mid-run (a restore by rm + cp, a sync tool) is not an
     * empty store: reads keep the last content and a change is refused, so it cannot make the
     * "empty" state permanent. When the file is back, both go on.
     */
    @Test
    void aFileMissingMidRunKeepsItsLastContentAndRefusesChangesUntilItIsBack() throws IOException {
        Path path = dir.resolve("list.txt");
        SharedFile<List<String>> file = shared(path);
        file.update(lines -> List.of("a", "b"));
        byte[] backup = Files.readAllBytes(path);

        Files.delete(path);
        assertThat(file.read()).as("not empty").containsExactly("a", "b");
        assertThatThrownBy(() -> file.update(lines -> List.of("x")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("missing");
        assertThat(path).as("nothing written").doesNotExist();

        Files.write(path, backup);
        file.update(lines -> {
            List<String> next = new ArrayList<>(lines);
            next.add("c");
            return next;
        });
        assertThat(Files.readAllLines(path)).containsExactly("a", "b", "c");
    }

    @Test
    void aFileThatWasNeverThereReadsAsEmptyAndIsCreatedByTheFirstChange() throws IOException {
        Path path = dir.resolve("new.txt");
        SharedFile<List<String>> file = shared(path);
        assertThat(file.read()).isEmpty();
        file.update(lines -> List.of("first"));
        assertThat(Files.readAllLines(path)).containsExactly("first");
    }
}
