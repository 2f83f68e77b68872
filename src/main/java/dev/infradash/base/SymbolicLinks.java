package dev.infradash.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Where a write through a symbolic link must land, so the link stays a link. */
final class SymbolicLinks {

    /** As Linux' own limit on following symbolic links (ELOOP). */
    private static final int MAX_LINK_HOPS = 40;

    private SymbolicLinks() {}

    /**
     * The file a replace renames onto: the link's target when the file is a symbolic link, so the
     * link stays a link (issue 12: a replace turned it into a plain file). A link into a missing
     * directory is refused rather than replaced.
     *
     * @param file an absolute path
     */
    static Path replacedFile(Path file) throws IOException {
        Path target = file;
        for (int hops = 0; Files.isSymbolicLink(target); hops++) {
            if (hops == MAX_LINK_HOPS) {
                throw new IOException(file + " is a loop of symbolic links; it is not replaced by a plain file");
            }
            target = parent(target).resolve(Files.readSymbolicLink(target)).normalize();
        }
        if (target.equals(file)) {
            return file;
        }
        if (!Files.isDirectory(parent(target))) {
            throw new IOException(file + " is a symbolic link into a missing directory (" + parent(target)
                    + "); it is not replaced by a plain file");
        }
        return parent(target).toRealPath().resolve(target.getFileName());
    }

    /** Every path here is absolute (the caller made it so, links resolve against it), so it has a parent. */
    static Path parent(Path absolute) {
        return Objects.requireNonNull(absolute.getParent(), "an absolute path below the root has a parent");
    }
}
