package dev.infradash.base;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file that is only ever replaced whole or appended to, so that a reader (Prometheus through
 * inotify, the app itself after a restart) sees the old content or the new one, never a part,
 * even when the process is killed or the disk fills up.
 *
 * <p>{@link #replace} writes a temp file in the same directory, fsyncs it, renames it over the
 * file and fsyncs the directory; a symbolic link is written through, to its target's directory.
 * {@link #appendLine} appends with one O_APPEND write and fsyncs.
 * Every call that can fail half-way goes through {@link FileOperations}, the seam tests use to
 * simulate a full disk.
 */
public final class AtomicFile {

    /** For files with secrets (password hashes): nobody else on the host needs to read them. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static final Set<PosixFilePermission> READABLE_BY_ALL = PosixFilePermissions.fromString("rw-r--r--");
    private static final String TEMP_SUFFIX = ".tmp";
    private static final int MAX_COPIES_PER_NAME = 100;

    private static final Logger log = LoggerFactory.getLogger(AtomicFile.class);

    private final Path file;
    private final Path dir;
    private final @Nullable Set<PosixFilePermission> fixedMode;
    private final Clock clock;
    private final FileOperations operations;
    private final ReentrantLock inProcess = new ReentrantLock();

    /**
     * A file that keeps the mode of the file it replaces, or gets 0644 when new: another program
     * (Prometheus, running as another user) may have to read it.
     */
    public AtomicFile(Path file, Clock clock, FileOperations operations) {
        this(file, null, clock, operations);
    }

    /**
     * @param fixedMode the mode every new version gets, set before a byte is written, and the mode
     *                  {@link #appendLine} creates the file with; null: see above
     */
    public AtomicFile(Path file, @Nullable Set<PosixFilePermission> fixedMode, Clock clock, FileOperations operations) {
        this.file = file.toAbsolutePath().normalize();
        this.dir = Objects.requireNonNull(this.file.getParent(), "an absolute file has a parent");
        this.fixedMode = fixedMode;
        this.clock = clock;
        this.operations = operations;
    }

    public Path path() {
        return file;
    }

    /**
     * Replaces the file with {@code bytes}. On an exception the old file is untouched and no temp
     * file is left. The new file's modification time is strictly later than the old one's: a
     * watcher that compares inode, size and mtime in millis (TargetRegistry) must notice every
     * replacement, and the inode of the replaced file is free for the next temp file.
     */
    public void replace(byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Path target = SymbolicLinks.replacedFile(file);
        Path targetDir = SymbolicLinks.parent(target);
        Path temp = Files.createTempFile(targetDir, tempPrefix(), TEMP_SUFFIX);
        try {
            setMode(temp);
            try (FileChannel channel =
                    FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                operations.write(channel, ByteBuffer.wrap(bytes));
                operations.force(channel);
            }
            Files.setLastModifiedTime(temp, FileTime.fromMillis(nextModifiedMillis()));
            operations.move(temp, target);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
        try {
            operations.forceDirectory(targetDir);
        } catch (IOException | UnsupportedOperationException e) {
            // The rename happened and is visible; only its durability across a power cut is in doubt.
            log.warn("Replaced {} but could not fsync its directory: {}", file, e.toString());
        }
    }

    /**
     * Appends one line (ending in a newline) with a single O_APPEND write and fsyncs it. A crash
     * leaves at worst a partial last line; the next append ends that line first, so the new
     * entry stays a line of its own.
     */
    public void appendLine(byte[] line) throws IOException {
        inProcess.lock();
        try {
            Files.createDirectories(dir);
            boolean partialLastLine = endsWithoutNewline();
            try (FileChannel channel = openForAppend()) {
                ByteBuffer bytes = ByteBuffer.allocate(line.length + 1);
                if (partialLastLine) {
                    bytes.put((byte) '\n');
                }
                bytes.put(line).flip();
                operations.write(channel, bytes);
                operations.force(channel);
            }
        } finally {
            inProcess.unlock();
        }
    }

    /**
     * Writes {@code bytes} to a new file {@code <name><suffix>} next to this one (then
     * {@code -2}, {@code -3}, ... when taken), never over an existing file: a backup.
     */
    public Path keepCopy(byte[] bytes, String suffix) throws IOException {
        if (Files.isSymbolicLink(file)) {
            // what the link points at may be anything the app can read (issue 12: /etc/passwd)
            throw new IOException(file + " is a symbolic link (to " + Files.readSymbolicLink(file)
                    + "): no copy of what it points at is kept; fix or replace the link by hand");
        }
        Files.createDirectories(dir);
        String base = file.getFileName() + suffix;
        for (int attempt = 1; attempt <= MAX_COPIES_PER_NAME; attempt++) {
            Path copy = dir.resolve(attempt == 1 ? base : base + "-" + attempt);
            try (FileChannel channel =
                    FileChannel.open(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                try {
                    operations.write(channel, ByteBuffer.wrap(bytes));
                    operations.force(channel);
                } catch (IOException | RuntimeException e) {
                    deleteQuietly(copy);
                    throw e;
                }
                return copy;
            } catch (FileAlreadyExistsException taken) {
                // try the next name
            }
        }
        throw new FileAlreadyExistsException(
                dir.resolve(base).toString(), null, "more than " + MAX_COPIES_PER_NAME + " copies with this name");
    }

    /**
     * Locks the file for a read-check-write: against other threads, and through a {@link FileLock}
     * on a hidden lock file next to it against a second process (another instance, a CLI). The OS
     * releases the file lock when the process dies.
     */
    public UpdateLock lock() throws IOException {
        inProcess.lock();
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(
                    dir.resolve("." + file.getFileName() + ".lock"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            try {
                channel.lock();
                return new UpdateLock(channel);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            inProcess.unlock();
            throw e;
        }
    }

    /** Held while an update runs; closing it releases both locks. */
    public final class UpdateLock implements AutoCloseable {
        private final FileChannel channel;

        private UpdateLock(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void close() throws IOException {
            try {
                channel.close();
            } finally {
                inProcess.unlock();
            }
        }
    }

    /**
     * Removes temp files of a replace that was killed before its rename: harmless, but they should
     * not pile up. Takes the {@link #lock()} only when there are any, so a read-only setup gets no
     * lock file.
     */
    public void removeStrayTempFiles() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try {
            List<Path> stray = new ArrayList<>();
            try (DirectoryStream<Path> temps = Files.newDirectoryStream(
                    dir,
                    entry -> entry.getFileName().toString().startsWith(tempPrefix())
                            && entry.getFileName().toString().endsWith(TEMP_SUFFIX))) {
                temps.forEach(stray::add);
            }
            if (stray.isEmpty()) {
                return;
            }
            try (UpdateLock ignored = lock()) {
                for (Path temp : stray) {
                    if (Files.deleteIfExists(temp)) {
                        log.info("Removed {}, left behind by an interrupted write", temp);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not remove temp files of interrupted writes in {}: {}", dir, e.toString());
        }
    }

    /** Creates the file with the fixed mode, if any, and tightens one an older version created wider. */
    private FileChannel openForAppend() throws IOException {
        Set<StandardOpenOption> options =
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (fixedMode == null) {
            return FileChannel.open(file, options);
        }
        try {
            FileChannel channel = FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(fixedMode));
            if (!Files.getPosixFilePermissions(file).equals(fixedMode)) {
                Files.setPosixFilePermissions(file, fixedMode);
            }
            return channel;
        } catch (UnsupportedOperationException notPosix) {
            return FileChannel.open(file, options); // the file system's defaults apply
        }
    }

    private String tempPrefix() {
        return "." + file.getFileName() + ".";
    }

    private void setMode(Path temp) throws IOException {
        try {
            Set<PosixFilePermission> mode = fixedMode;
            if (mode == null) {
                try {
                    mode = Files.getPosixFilePermissions(file);
                } catch (NoSuchFileException e) {
                    mode = READABLE_BY_ALL;
                }
            }
            Files.setPosixFilePermissions(temp, mode);
        } catch (UnsupportedOperationException notPosix) {
            // the file system's defaults apply
        }
    }

    private long nextModifiedMillis() throws IOException {
        long now = clock.millis();
        try {
            return Math.max(now, Files.getLastModifiedTime(file).toMillis() + 1);
        } catch (NoSuchFileException e) {
            return now;
        }
    }

    private boolean endsWithoutNewline() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, size - 1);
            return last.get(0) != '\n';
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", path, e.toString());
        }
    }
}
