package dev.infradash.security;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.base.AtomicFile;
import dev.infradash.base.FileOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The users, in memory and in {@code users.json} of the data directory. Every change replaces the
 * whole file through {@link AtomicFile}, so a crash leaves either the old or the new list, never
 * half of one; the file is readable by its owner only (it holds password hashes).
 */
class UserStore {

    static final String FILE_NAME = "users.json";

    private final AtomicFile file;
    private final ObjectMapper json;
    private Map<String, StoredUser> users;

    UserStore(Path dataDir, ObjectMapper json) {
        this.file = new AtomicFile(
                dataDir.resolve(FILE_NAME), AtomicFile.OWNER_ONLY, Clock.systemUTC(), FileOperations.SYSTEM);
        this.json = json;
        this.users = read();
    }

    Path file() {
        return file.path();
    }

    synchronized boolean isEmpty() {
        return users.isEmpty();
    }

    synchronized Optional<StoredUser> find(String username) {
        return Optional.ofNullable(users.get(username));
    }

    synchronized List<StoredUser> all() {
        return List.copyOf(users.values());
    }

    /**
     * Applies a change to the whole list and persists it; the memory keeps the old list when the
     * write fails, so what the app checks logins against is always what is on disk.
     */
    synchronized void update(UnaryOperator<Map<String, StoredUser>> change) {
        Map<String, StoredUser> next = change.apply(new LinkedHashMap<>(users));
        write(next.values());
        users = next;
    }

    private Map<String, StoredUser> read() {
        Map<String, StoredUser> loaded = new LinkedHashMap<>();
        if (!Files.exists(file.path())) {
            return loaded;
        }
        try {
            List<StoredUser> list = json.readValue(file.path().toFile(), new TypeReference<UsersFile>() {})
                    .users();
            for (StoredUser user : list == null ? List.<StoredUser>of() : list) {
                loaded.put(user.username(), user);
            }
            return loaded;
        } catch (IOException e) {
            // Starting with no users would silently hand out a new admin password: refuse instead.
            throw new IllegalStateException("Cannot read the users file " + file.path() + ": " + e.getMessage(), e);
        }
    }

    private void write(Collection<StoredUser> list) {
        try {
            file.replace(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(new UsersFile(new ArrayList<>(list))));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the users file " + file.path(), e);
        }
    }

    /** The file format: an object, so fields can be added later without breaking old files. */
    record UsersFile(List<StoredUser> users) {}
}
