package dev.infradash.base;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A file in the data directory that several Infradash instances share (two replicas on one
 * volume), with its parsed content cached. {@link #read()} re-reads the file whenever its
 * {@link FileStamp} changed, so a change another process made is seen at the next read, and an
 * unchanged file costs one stat. {@link #update} reads the file as it is under the
 * cross-process {@link AtomicFile#lock()}, so two processes' changes are applied one after the
 * other instead of the second overwriting the first with its stale copy.
 *
 * @param <T> the parsed content; treated as immutable (callers change copies)
 */
public final class SharedFile<T> {

    /** Parses the file; it may be missing (then it returns what an empty store holds). */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Path file) throws IOException;
    }

    @FunctionalInterface
    public interface Writer<T> {
        byte[] write(T content) throws IOException;
    }

    private final AtomicFile file;
    private final Reader<T> reader;
    private final Writer<T> writer;
    private @Nullable FileStamp seen;
    private @Nullable T content;

    public SharedFile(AtomicFile file, Reader<T> reader, Writer<T> writer) {
        this.file = file;
        this.reader = reader;
        this.writer = writer;
    }

    public Path path() {
        return file.path();
    }

    /** The content as the file has it now; parsed again only when the file changed since the last read. */
    public synchronized T read() throws IOException {
        FileStamp now = FileStamp.of(file.path()); // before reading: a change during the read is seen next time
        T cached = content;
        if (cached != null && now.equals(seen)) {
            return cached;
        }
        T loaded = reader.read(file.path());
        content = loaded;
        seen = now;
        return loaded;
    }

    /**
     * Takes the lock against other threads and other processes, for a read-check-write longer
     * than {@link #update} (e.g. one that also reloads Alertmanager). Inside it, {@link #read()}
     * and {@link #write} only.
     */
    public AtomicFile.UpdateLock lock() throws IOException {
        return file.lock();
    }

    /** Replaces the file by {@code next}; the caller holds {@link #lock()}, having read the current content in it. */
    public void write(T next) throws IOException {
        file.replace(writer.write(next));
        FileStamp written = FileStamp.of(file.path());
        synchronized (this) {
            content = next;
            seen = written;
        }
    }

    /**
     * Applies {@code change} to the file's current content and writes the result, under the
     * cross-process lock. A change that throws writes nothing.
     */
    public T update(UnaryOperator<T> change) throws IOException {
        try (AtomicFile.UpdateLock ignored = lock()) {
            T next = change.apply(read());
            write(next);
            return next;
        }
    }
}
