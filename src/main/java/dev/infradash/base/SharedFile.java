package dev.infradash.base;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file in the data directory that several Infradash instances share (two replicas on one
 * volume), with its parsed content cached. {@link #read()} re-reads the file whenever its
 * {@link FileStamp} changed, so a change another process made is seen at the next read, and an
 * unchanged file costs one stat. {@link #update} reads the file as it is under the
 * cross-process {@link AtomicFile#lock()}, so two processes' changes are applied one after the
 * other instead of the second overwriting the first with its stale copy.
 *
 * <p>Under the lock the stamp is not trusted: taking {@link #lock()} drops the cache, so the
 * first read in it parses the file. A stat can lie: an NFS client answers it from its attribute
 * cache (up to 60 s by default), which taking the lock on the separate lock file does not
 * refresh, so the stamp can still be the one from before another instance's write. Opening the
 * file does revalidate it (close-to-open consistency). Writes are rare; one parse each is cheap.
 *
 * <p>Only a file that was never there reads as empty (what the {@link Reader} makes of a missing
 * file): once a read or write saw it, a missing file is a restore or sync half done. Reads then
 * keep the last content (users are not all revoked, rules do not fall back to the defaults) and
 * {@link #lock()} refuses, so no write makes the "empty" state permanent; both go on when the
 * file is back.
 *
 * @param <T> the parsed content; treated as immutable (callers change copies)
 */
public final class SharedFile<T> {

    private static final Logger log = LoggerFactory.getLogger(SharedFile.class);

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
    /** The file was there at a read or write: from then on its absence is an error, not "empty". */
    private boolean existed;

    private boolean missingLogged;

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
        if (cached != null && existed && now.equals(FileStamp.MISSING)) {
            if (!missingLogged) {
                log.error(
                        "{} is missing; going on with its last content and refusing changes until it is back", path());
                missingLogged = true;
            }
            return cached;
        }
        if (cached != null && now.equals(seen)) {
            return cached;
        }
        T loaded = reader.read(file.path());
        content = loaded;
        seen = now;
        existed |= !now.equals(FileStamp.MISSING);
        missingLogged = false;
        return loaded;
    }

    /**
     * Takes the lock against other threads and other processes, for a read-check-write longer
     * than {@link #update} (e.g. one that also reloads Alertmanager). Inside it, {@link #read()}
     * and {@link #write} only; the first {@link #read()} in it parses the file whatever its stamp.
     */
    public AtomicFile.UpdateLock lock() throws IOException {
        AtomicFile.UpdateLock lock = file.lock();
        boolean vanished;
        synchronized (this) {
            seen = null; // the next read parses the file: see the class comment
            vanished = existed && FileStamp.of(file.path()).equals(FileStamp.MISSING);
        }
        if (vanished) {
            lock.close();
            throw new IOException(path() + " was there and is missing now (a restore or a sync half done?);"
                    + " nothing is changed until it is back");
        }
        return lock;
    }

    /** Replaces the file by {@code next}; the caller holds {@link #lock()}, having read the current content in it. */
    public void write(T next) throws IOException {
        file.replace(writer.write(next));
        FileStamp written = FileStamp.of(file.path());
        synchronized (this) {
            content = next;
            seen = written;
            existed = true;
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
