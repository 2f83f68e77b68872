package dev.infradash.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.jspecify.annotations.Nullable;

/**
 * What one stat says about a file: identity (inode), size and modification time. A file that
 * {@link AtomicFile#replace} rewrote always has a new stamp (a new inode from the rename and a
 * strictly later modification time), so comparing stamps tells a cache whether another process
 * changed the file, for the price of one stat.
 */
public record FileStamp(@Nullable Object key, long size, long modifiedMillis) {

    public static final FileStamp MISSING = new FileStamp(null, -1, -1);

    public static FileStamp of(Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(
                    attributes.fileKey(),
                    attributes.size(),
                    attributes.lastModifiedTime().toMillis());
        } catch (NoSuchFileException e) {
            return MISSING;
        }
    }
}
