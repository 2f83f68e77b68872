package dev.infradash.targets;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Reads and rewrites the file_sd targets file for the settings view.
 *
 * <p>Optimistic concurrency: {@link #load()} returns the SHA-256 of the file's bytes as version,
 * and every change names the version it was based on; when the file no longer has it (another
 * editor saved, or someone edited the file by hand) the change is refused with
 * {@link TargetsChangedException}. Check and write happen under one lock (in-JVM and a
 * {@link FileLock} on a hidden lock file next to the targets file, for a second process).
 *
 * <p>Writes are atomic: a temp file in the same directory is written, fsynced and renamed over
 * the targets file, then the directory is fsynced. Prometheus (inotify) and {@link TargetRegistry}
 * see either the old or the new list, never a partial one, even when the process is killed.
 * Every successful change is appended to the {@link AuditLog}.
 */
@Service
@PreAuthorize("hasRole('ADMIN')") // the settings view checks too; this holds for every other path
public class TargetFileStore {

    private static final Logger log = LoggerFactory.getLogger(TargetFileStore.class);
    private static final Set<PosixFilePermission> DEFAULT_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");
    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path file;
    private final Path dir;
    private final TargetFile reader;
    private final TargetGroups groups;
    private final TargetValidator validator;
    private final AuditLog audit;
    private final Clock clock;
    private final FileOperations files;
    private final ReentrantLock lock = new ReentrantLock();

    @Autowired
    public TargetFileStore(TargetsProperties targets, TargetValidator validator, AuditLog audit, ObjectMapper json,
                           Clock clock) {
        this(targets.file(), validator, audit, json, clock, FileOperations.SYSTEM);
    }

    TargetFileStore(Path file, TargetValidator validator, AuditLog audit, ObjectMapper json, Clock clock,
                    FileOperations files) {
        this.file = file.toAbsolutePath().normalize();
        this.dir = Objects.requireNonNull(this.file.getParent(), "an absolute file has a parent");
        this.reader = new TargetFile(json);
        this.groups = new TargetGroups(json);
        this.validator = validator;
        this.audit = audit;
        this.clock = clock;
        this.files = files;
        removeStrayTempFiles();
    }

    public Path file() {
        return file;
    }

    /**
     * The servers the file lists now, with the version to pass to the next change.
     *
     * @throws UnparseableTargetsException when the file cannot be read as a server list; its
     *                                     {@link UnparseableTargetsException#version()} allows a confirmed overwrite
     */
    public Versioned<List<ServerDefinition>> load() {
        Current current = readCurrent();
        if (current.error() != null) {
            throw new UnparseableTargetsException(current.error(), current.version());
        }
        return new Versioned<>(current.servers(), current.version());
    }

    /** Replaces the whole list. See {@link #save(List, String, Actor, boolean)}. */
    public String save(List<ServerDefinition> servers, String expectedVersion, Actor actor) {
        return save(servers, expectedVersion, actor, false);
    }

    /**
     * Replaces the whole list and returns the new version.
     *
     * @param overwriteUnparseable an administrator confirmed replacing a file that cannot be read;
     *                             the broken file is kept as {@code <name>.broken-<timestamp>} next to it
     * @throws TargetsChangedException     the file no longer has {@code expectedVersion}
     * @throws UnparseableTargetsException the file cannot be read and {@code overwriteUnparseable} is false
     * @throws ValidationException         a rule is broken; nothing was written
     * @throws TargetsWriteException       writing failed; the old file is intact
     */
    public String save(List<ServerDefinition> servers, String expectedVersion, Actor actor, boolean overwriteUnparseable) {
        return change(expectedVersion, actor, overwriteUnparseable, current -> {
            List<ServerDefinition> proposed = servers == null ? null : new ArrayList<>(servers);
            if (current.error() != null) {
                return new Change(proposed, -1, AuditAction.OVERWRITE_UNPARSEABLE, List.of(),
                        proposed == null ? List.of() : proposed);
            }
            List<ServerDefinition> before = current.servers().stream()
                    .filter(old -> proposed == null || !proposed.contains(old)).toList();
            List<ServerDefinition> after = proposed == null ? List.of()
                    : proposed.stream().filter(now -> !current.servers().contains(now)).toList();
            return new Change(proposed, -1, AuditAction.REPLACE, before, after);
        });
    }

    /** Appends a server; its fields are reported without a {@code servers[i].} prefix. */
    public String add(ServerDefinition server, String expectedVersion, Actor actor) {
        return change(expectedVersion, actor, false, current -> {
            List<ServerDefinition> servers = new ArrayList<>(current.servers());
            servers.add(server);
            return new Change(servers, servers.size() - 1, AuditAction.ADD, List.of(), nullable(server));
        });
    }

    /** Replaces the server with {@code id} (which may rename it), keeping its place in the list. */
    public String update(String id, ServerDefinition server, String expectedVersion, Actor actor) {
        return change(expectedVersion, actor, false, current -> {
            int index = indexOf(current.servers(), id);
            List<ServerDefinition> servers = new ArrayList<>(current.servers());
            ServerDefinition old = servers.set(index, server);
            return new Change(servers, index, AuditAction.UPDATE, List.of(old), nullable(server));
        });
    }

    public String delete(String id, String expectedVersion, Actor actor) {
        return change(expectedVersion, actor, false, current -> {
            int index = indexOf(current.servers(), id);
            List<ServerDefinition> servers = new ArrayList<>(current.servers());
            ServerDefinition old = servers.remove(index);
            return new Change(servers, -1, AuditAction.DELETE, List.of(old), List.of());
        });
    }

    private static List<ServerDefinition> nullable(ServerDefinition server) {
        return server == null ? List.of() : List.of(server);
    }

    private static int indexOf(List<ServerDefinition> servers, String id) {
        for (int i = 0; i < servers.size(); i++) {
            if (servers.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new ValidationException(List.of(new FieldError("id", "there is no server with this id in the list")));
    }

    private String change(String expectedVersion, Actor actor, boolean overwriteUnparseable, Function<Current, Change> edit) {
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(actor, "actor");
        lock.lock();
        try (ProcessLock ignored = lockAcrossProcesses()) {
            Current current = readCurrent();
            if (!current.version().equals(expectedVersion)) {
                throw new TargetsChangedException(expectedVersion, current.version());
            }
            if (current.error() != null && !overwriteUnparseable) {
                throw new UnparseableTargetsException(current.error(), current.version());
            }
            Change change = edit.apply(current);
            List<FieldError> errors = validator.validate(change.servers(), change.focus());
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
            byte[] bytes = groups.write(Objects.requireNonNull(change.servers(), "validated above"));
            checkRoundTrip(bytes, change.servers());
            if (current.bytes() != null && Arrays.equals(bytes, current.bytes())) {
                return current.version(); // nothing changed: no write, no audit entry
            }
            String note = null;
            if (current.error() != null) {
                Path backup = keepBrokenFile(Objects.requireNonNull(current.bytes(), "an unreadable file was read"));
                note = "the unreadable file was kept as " + backup.getFileName() + " (" + current.error() + ")";
            }
            writeAtomically(bytes);
            appendAudit(actor, change, note);
            return version(bytes);
        } catch (IOException e) {
            throw new TargetsWriteException("cannot lock " + file + " for writing: " + describe(e)
                    + "; the file was not changed", e);
        } finally {
            lock.unlock();
        }
    }

    /** A second process (another instance, a CLI) saving at the same time waits here too. */
    private ProcessLock lockAcrossProcesses() throws IOException {
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve("." + file.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            return new ProcessLock(channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Closing the channel releases the lock; the OS releases it too when the process dies. */
    private record ProcessLock(FileChannel channel, FileLock lock) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Guards against a codec bug: the collector must read back exactly what the editor saved. */
    private void checkRoundTrip(byte[] bytes, List<ServerDefinition> servers) {
        try {
            List<ServerDefinition> reread = groups.read(reader.parse(new String(bytes, StandardCharsets.UTF_8), file.toString()));
            if (!reread.equals(servers)) {
                throw new IllegalStateException("the targets file would not read back as saved: " + reread);
            }
        } catch (InvalidTargetFileException e) {
            throw new IllegalStateException("the targets file would not read back as saved: " + e.getMessage(), e);
        }
    }

    private void writeAtomically(byte[] bytes) {
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, tempPrefix(), ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                files.write(channel, ByteBuffer.wrap(bytes));
                files.force(channel);
            }
            copyPermissions(temp);
            // TargetRegistry notices a change by inode, size and mtime in millis. The inode of a
            // replaced file is free for reuse by the next temp file and two saves may share a
            // millisecond (and a size), so the mtime is made to grow strictly on every save.
            Files.setLastModifiedTime(temp, FileTime.fromMillis(nextModifiedMillis()));
            files.move(temp, file);
            temp = null;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            throw new TargetsWriteException("could not write " + file + ": " + describe(e) + "; the file was not changed", e);
        }
        try {
            files.forceDirectory(dir);
        } catch (IOException e) {
            // The rename happened and is visible; only its durability across a power cut is in doubt.
            log.warn("Saved {} but could not fsync its directory: {}", file, describe(e));
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

    /** Prometheus may run as another user: the new file keeps the old one's mode (or gets 0644). */
    private void copyPermissions(Path temp) throws IOException {
        try {
            Set<PosixFilePermission> permissions;
            try {
                permissions = Files.getPosixFilePermissions(file);
            } catch (NoSuchFileException e) {
                permissions = DEFAULT_PERMISSIONS;
            }
            Files.setPosixFilePermissions(temp, permissions);
        } catch (UnsupportedOperationException notPosix) {
            // the file system's defaults apply
        }
    }

    private Path keepBrokenFile(byte[] bytes) {
        String base = file.getFileName() + ".broken-" + BACKUP_STAMP.format(clock.instant());
        for (int attempt = 1; ; attempt++) {
            Path backup = dir.resolve(attempt == 1 ? base : base + "-" + attempt);
            try (FileChannel channel = FileChannel.open(backup, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                files.write(channel, ByteBuffer.wrap(bytes));
                files.force(channel);
                return backup;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw new TargetsWriteException("could not keep a backup of the unreadable " + file
                            + ": too many backups with the same timestamp; the file was not changed", e);
                }
            } catch (IOException e) {
                deleteQuietly(backup);
                throw new TargetsWriteException("could not keep a backup of the unreadable " + file + ": "
                        + describe(e) + "; the file was not changed", e);
            }
        }
    }

    private void appendAudit(Actor actor, Change change, @Nullable String note) {
        AuditEntry entry = new AuditEntry(clock.instant(), actor.username(), actor.clientAddress(), change.action(),
                change.before(), change.after(), note);
        try {
            audit.append(entry);
        } catch (IOException | RuntimeException e) {
            // The targets file is already replaced: failing the save now would make the user retry a
            // change that happened. The gap in the audit trail is logged loudly instead.
            log.error("Saved {} but could not append to the audit log {}: {}; entry: {} by {} from {}", file,
                    audit.file(), describe(e), entry.action().label(), entry.user(), entry.clientAddress());
        }
    }

    private Current readCurrent() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Current(null, Versioned.NO_FILE, List.of(), null);
        } catch (IOException e) {
            throw new TargetStoreException("cannot read " + file + ": " + describe(e), e);
        }
        String version = version(bytes);
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return new Current(bytes, version, groups.read(reader.parse(text, file.toString())), null);
        } catch (CharacterCodingException e) {
            return new Current(bytes, version, List.of(), file + " is not valid UTF-8");
        } catch (InvalidTargetFileException e) {
            return new Current(bytes, version, List.of(), e.getMessage());
        }
    }

    /** Temp files of a save that was killed before its rename; harmless, but they should not pile up. */
    private void removeStrayTempFiles() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir,
                entry -> entry.getFileName().toString().startsWith(tempPrefix())
                        && entry.getFileName().toString().endsWith(".tmp"))) {
            List<Path> stray = new ArrayList<>();
            temps.forEach(stray::add);
            if (stray.isEmpty()) {
                return; // nothing to do: in particular no lock file is created in a read-only setup
            }
            lock.lock();
            try (ProcessLock ignored = lockAcrossProcesses()) {
                for (Path temp : stray) {
                    if (Files.deleteIfExists(temp)) {
                        log.info("Removed {}, left behind by an interrupted save", temp);
                    }
                }
            } finally {
                lock.unlock();
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not remove temp files of interrupted saves in {}: {}", dir, describe(e));
        }
    }

    private String tempPrefix() {
        return "." + file.getFileName() + ".";
    }

    private static void deleteQuietly(@Nullable Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", path, e.toString());
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
    }

    static String version(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * The file as it is on disk.
     *
     * @param bytes   null when there is no file
     * @param servers empty when the file cannot be read as a server list ({@code error} says why)
     * @param error   why not, or null
     */
    private record Current(byte @Nullable [] bytes, String version, List<ServerDefinition> servers,
                           @Nullable String error) {
    }

    /**
     * What an edit wants written.
     *
     * @param focus the index of the server being added or updated, or -1
     */
    private record Change(@Nullable List<ServerDefinition> servers, int focus, AuditAction action,
                          List<ServerDefinition> before, List<ServerDefinition> after) {
    }
}
