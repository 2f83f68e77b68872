package dev.infradash.targets;

import static dev.infradash.targets.StoreFixture.ALICE;
import static dev.infradash.targets.StoreFixture.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: confirming "replace" on a symlinked targets file turned the link into a file and
 * copied the link target's content into a {@code .broken-*} backup. A symlinked file is written
 * through; an unreadable one behind a link is refused, link and target untouched.
 */
class TargetFileStoreSymlinkTest {

    @TempDir
    Path dir;

    @Test
    void aSaveWritesThroughTheLinkToTheRealFile() throws Exception {
        StoreFixture fixture = new StoreFixture(dir);
        Path real = dir.resolve("shared/targets.json");
        Files.createDirectories(real.getParent());
        Files.createDirectories(fixture.targets.getParent());
        Files.createSymbolicLink(fixture.targets, real);
        TargetFileStore store = fixture.store();

        store.save(List.of(server("a", "10.0.0.1", 9100)), store.load().version(), ALICE);

        assertThat(Files.isSymbolicLink(fixture.targets)).isTrue();
        assertThat(fixture.read()).containsExactly(server("a", "10.0.0.1", 9100));
        assertThat(Files.readString(real)).contains("10.0.0.1:9100");
    }

    @Test
    void replacingAnUnreadableFileBehindALinkIsRefusedAndCopiesNothing() throws Exception {
        StoreFixture fixture = new StoreFixture(dir);
        Path passwd = dir.resolve("etc/passwd");
        Files.createDirectories(passwd.getParent());
        byte[] secret = "root:x:0:0:root:/root:/bin/bash\n".getBytes(StandardCharsets.UTF_8);
        Files.write(passwd, secret);
        Files.createDirectories(fixture.targets.getParent());
        Files.createSymbolicLink(fixture.targets, passwd);
        TargetFileStore store = fixture.store();
        UnparseableTargetsException onLoad = catchThrowableOfType(UnparseableTargetsException.class, store::load);

        TargetsWriteException refused = catchThrowableOfType(
                TargetsWriteException.class,
                () -> store.save(List.of(server("b", "10.0.0.2", 9100)), onLoad.version(), ALICE, true));

        assertThat(refused).hasMessageContaining("symbolic link").hasMessageContaining("not changed");
        assertThat(Files.isSymbolicLink(fixture.targets))
                .as("the link stays a link")
                .isTrue();
        assertThat(Files.readAllBytes(passwd)).isEqualTo(secret);
        assertThat(fixture.strayFiles())
                .as("no .broken-* copy of the link's target")
                .isEmpty();
    }
}
