package dev.infradash.targets;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.base.AtomicFile;
import dev.infradash.base.FileOperations;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Reads and rewrites the file_sd targets file for the settings view.
 *
 * <p>Optimistic concurrency: {@link #load()} returns the SHA-256 of the file's bytes as version,
 * and every change names the version it was based on; when the file no longer has it (another
 * editor saved, or someone edited the file by hand) the change is refused with
 * {@link TargetsChangedException}. Check and write happen under {@link AtomicFile#lock()}, which
 * holds against other threads and a second process.
 *
 * <p>Writes go through {@link AtomicFile#replace}: Prometheus (inotify) and {@link TargetRegistry}
 * see either the old or the new list, never a partial one, even when the process is killed.
 * Every successful change is appended to the {@link AuditLog}.
 */
@Service
// The settings view checks too; this holds for every other path. The role comes from the user
// store at each call (security's LiveRoles bean), not from the session, so a demoted admin's open
// view can change nothing.
@PreAuthorize("hasRole('ADMIN') and @liveRoles.isAdmin(authentication)")
public class TargetFileStore {

    private static final DateTimeFormatter BACKUP_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final AtomicFile file;
    private final TargetFile reader;
    private final TargetGroups groups;
    private final TargetValidator validator;
    private final AuditLog audit;
    private final Clock clock;

    @Autowired
    public TargetFileStore(
            TargetsProperties targets, TargetValidator validator, AuditLog audit, ObjectMapper json, Clock clock) {
        this(targets.file(), validator, audit, json, clock, FileOperations.SYSTEM);
    }

    TargetFileStore(
            Path file,
            TargetValidator validator,
            AuditLog audit,
            ObjectMapper json,
            Clock clock,
            FileOperations files) {
        this.file = new AtomicFile(file, clock, files);
        this.reader = new TargetFile(json);
        this.groups = new TargetGroups(json);
        this.validator = validator;
        this.audit = audit;
        this.clock = clock;
        this.file.removeStrayTempFiles();
    }

    public Path file() {
        return file.path();
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
        return new Versioned<>(
                Objects.requireNonNull(current.servers(), "a readable file has servers"), current.version());
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
    public String save(
            List<ServerDefinition> servers, String expectedVersion, Actor actor, boolean overwriteUnparseable) {
        return change(expectedVersion, actor, overwriteUnparseable, TargetEdit.replaceAll(servers));
    }

    /** Appends a server; its fields are reported without a {@code servers[i].} prefix. */
    public String add(ServerDefinition server, String expectedVersion, Actor actor) {
        return change(expectedVersion, actor, false, TargetEdit.add(server));
    }

    /** Replaces the server with {@code id} (which may rename it), keeping its place in the list. */
    public String update(String id, ServerDefinition server, String expectedVersion, Actor actor) {
        return change(expectedVersion, actor, false, TargetEdit.update(id, server));
    }

    /**
     * What rules the servers in {@code servers} (as {@link #load()} returned them) already break, by
     * server; see {@link TargetValidator#problems}.
     */
    public List<ServerProblem> problems(List<ServerDefinition> servers) {
        return validator.problems(servers);
    }

    public String delete(String id, String expectedVersion, Actor actor) {
        return change(expectedVersion, actor, false, TargetEdit.delete(id));
    }

    private String change(
            String expectedVersion,
            Actor actor,
            boolean overwriteUnparseable,
            Function<List<ServerDefinition>, TargetEdit> edit) {
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(actor, "actor");
        try (AtomicFile.UpdateLock ignored = file.lock()) {
            Current current = readCurrent();
            if (!current.version().equals(expectedVersion)) {
                throw new TargetsChangedException(expectedVersion, current.version());
            }
            if (current.error() != null && !overwriteUnparseable) {
                throw new UnparseableTargetsException(current.error(), current.version());
            }
            TargetEdit change = edit.apply(current.servers());
            List<FieldError> errors = change.check(validator);
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
            byte[] bytes = groups.write(Objects.requireNonNull(change.servers(), "validated above"));
            if (current.bytes() != null && Arrays.equals(bytes, current.bytes())) {
                return current.version(); // nothing changed: no write, no audit entry
            }
            String note = current.error() == null
                    ? null
                    : "the unreadable file was kept as "
                            + keepBrokenFile(current.bytes()).getFileName() + " (" + current.error() + ")";
            replace(bytes);
            audit.appendAfterTheFact(
                    new AuditEntry(
                            clock.instant(),
                            actor.username(),
                            actor.clientAddress(),
                            change.action(),
                            change.before(),
                            change.after(),
                            note),
                    file.path());
            return Versioned.versionOf(bytes);
        } catch (IOException e) {
            throw new TargetsWriteException(
                    "cannot lock " + file.path() + " for writing: " + describe(e) + "; the file was not changed", e);
        }
    }

    private void replace(byte[] bytes) {
        try {
            file.replace(bytes);
        } catch (IOException | RuntimeException e) {
            throw new TargetsWriteException(
                    "could not write " + file.path() + ": " + describe(e) + "; the file was not changed", e);
        }
    }

    private Path keepBrokenFile(byte @Nullable [] bytes) {
        if (bytes == null) {
            throw new TargetsWriteException(file.path() + " is too large for Infradash to keep a backup of it;"
                    + " move it away by hand; the file was not changed");
        }
        try {
            return file.keepCopy(bytes, ".broken-" + BACKUP_STAMP.format(clock.instant()));
        } catch (IOException | RuntimeException e) {
            throw new TargetsWriteException(
                    "could not keep a backup of the unreadable " + file.path() + ": " + describe(e)
                            + "; the file was not changed",
                    e);
        }
    }

    private Current readCurrent() {
        TargetFileContent content;
        try {
            content = reader.load(file.path());
        } catch (IOException e) {
            throw new TargetStoreException("cannot read " + file.path() + ": " + describe(e), e);
        }
        if (content.error() != null) {
            return new Current(content.bytes(), content.version(), null, content.error());
        }
        try {
            return new Current(
                    content.bytes(),
                    content.version(),
                    groups.read(Objects.requireNonNull(content.targets(), "no error: targets")),
                    null);
        } catch (InvalidTargetFileException e) {
            return new Current(content.bytes(), content.version(), null, e.getMessage());
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank()
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
    }

    /**
     * The file as it is on disk, in the editing model.
     *
     * @param bytes   null when there is no file, or it is too large to read
     * @param servers null when the file cannot be read as a server list
     * @param error   why not, or null
     */
    private record Current(
            byte @Nullable [] bytes,
            String version,
            @Nullable List<ServerDefinition> servers,
            @Nullable String error) {}
}
