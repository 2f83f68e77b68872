package dev.infradash.base;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The file system calls of an {@link AtomicFile} write that can fail half-way. A seam so tests can
 * make a write, an fsync or the rename fail as a full disk would; production uses {@link #SYSTEM}.
 */
public interface FileOperations {

    FileOperations SYSTEM = new FileOperations() {};

    default void write(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    default void force(FileChannel channel) throws IOException {
        channel.force(true);
    }

    default void move(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Makes a rename in {@code dir} durable: without it a power cut can bring the old entry back. */
    default void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
