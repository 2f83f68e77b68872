package dev.infradash.security;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.base.AtomicFile;
import dev.infradash.base.FileOperations;
import dev.infradash.base.SharedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The users, in {@code users.json} of the data directory. Every change replaces the whole file
 * through {@link AtomicFile}, so a crash leaves either the old or the new list, never half of
 * one; the file is readable by its owner only (it holds password hashes).
 *
 * <p>Another Infradash instance may share the file (two replicas on one volume): every read
 * checks the file's stamp and parses it again when it changed, a change is applied under the
 * cross-process lock to the list as the file has it then, and a user another instance deleted,
 * demoted or gave a new password is reported to {@code revoked} (which ends their sessions here).
 */
class UserStore {

    static final String FILE_NAME = "users.json";

    private final SharedFile<Map<String, StoredUser>> file;
    private final Consumer<Set<String>> revoked;
    private @Nullable Map<String, StoredUser> known;

    UserStore(Path dataDir, ObjectMapper json) {
        this(dataDir, json, names -> {});
    }

    /** @param revoked told the names of users another process revoked, outside any lock of this store */
    UserStore(Path dataDir, ObjectMapper json, Consumer<Set<String>> revoked) {
        AtomicFile atomic = new AtomicFile(
                dataDir.resolve(FILE_NAME), AtomicFile.OWNER_ONLY, Clock.systemUTC(), FileOperations.SYSTEM);
        this.file = new SharedFile<>(
                atomic,
                path -> read(path, json),
                users -> json.writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(new UsersFile(new ArrayList<>(users.values()))));
        this.revoked = revoked;
        users(); // a file that cannot be read stops the start (see read)
    }

    Path file() {
        return file.path();
    }

    /** Reads the file if it changed, so revocations another instance made end sessions here without a login. */
    void refresh() {
        users();
    }

    boolean isEmpty() {
        return users().isEmpty();
    }

    Optional<StoredUser> find(String username) {
        return Optional.ofNullable(users().get(username));
    }

    List<StoredUser> all() {
        return List.copyOf(users().values());
    }

    /**
     * Applies a change to the whole list as the file has it now and persists it; a change that
     * throws, or a write that fails, leaves the file as it was.
     */
    void update(UnaryOperator<Map<String, StoredUser>> change) {
        AtomicReference<Map<String, StoredUser>> base = new AtomicReference<>();
        Map<String, StoredUser> next;
        try {
            next = file.update(current -> {
                base.set(current);
                return Collections.unmodifiableMap(new LinkedHashMap<>(change.apply(new LinkedHashMap<>(current))));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the users file " + file.path(), e);
        }
        Set<String> gone;
        synchronized (this) {
            // the caller ends the sessions its own change revokes; what another process changed
            // before it (base) is reported here
            gone = revokedSince(base.get());
            known = next;
        }
        report(gone);
    }

    /** The users as the file has them; reports users another process revoked since the last look. */
    private Map<String, StoredUser> users() {
        Map<String, StoredUser> now;
        Set<String> gone;
        synchronized (this) {
            try {
                now = file.read();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the users file " + file.path(), e);
            }
            gone = revokedSince(now);
            known = now;
        }
        report(gone);
        return now;
    }

    private Set<String> revokedSince(@Nullable Map<String, StoredUser> now) {
        Map<String, StoredUser> before = known;
        return before == null || now == null || before == now ? Set.of() : revokedBetween(before, now);
    }

    /** Outside this store's lock: ending sessions runs listeners that may read the store. */
    private void report(Set<String> gone) {
        if (!gone.isEmpty()) {
            revoked.accept(gone);
        }
    }

    private static Set<String> revokedBetween(Map<String, StoredUser> before, Map<String, StoredUser> now) {
        Set<String> names = new TreeSet<>();
        before.forEach((name, user) -> {
            StoredUser current = now.get(name);
            if (current == null
                    || !current.id().equals(user.id()) // deleted and made again: another person, maybe
                    || current.role() != user.role()
                    || !Objects.equals(current.passwordHash(), user.passwordHash())) {
                names.add(name);
            }
        });
        return names;
    }

    private static Map<String, StoredUser> read(Path path, ObjectMapper json) {
        Map<String, StoredUser> loaded = new LinkedHashMap<>();
        if (!Files.exists(path)) {
            return Collections.unmodifiableMap(loaded);
        }
        try {
            List<StoredUser> list = json.readValue(path.toFile(), new TypeReference<UsersFile>() {})
                    .users();
            for (StoredUser user : list == null ? List.<StoredUser>of() : list) {
                loaded.put(user.username(), user);
            }
            return Collections.unmodifiableMap(loaded);
        } catch (IOException e) {
            // Starting (or going on) with no users would silently hand out a new admin password: refuse instead.
            throw new IllegalStateException("Cannot read the users file " + path + ": " + e.getMessage(), e);
        }
    }

    /** The file format: an object, so fields can be added later without breaking old files. */
    record UsersFile(List<StoredUser> users) {}
}
