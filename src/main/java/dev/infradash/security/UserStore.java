package dev.infradash.security;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The users, in memory and in {@code users.json} of the data directory. Every change writes the
 * whole file to a temporary file, forces it to disk and renames it over the old one, so a crash
 * leaves either the old or the new list, never half of one.
 */
class UserStore {

    static final String FILE_NAME = "users.json";

    private final Path file;
    private final ObjectMapper json;
    private Map<String, StoredUser> users;

    UserStore(Path dataDir, ObjectMapper json) {
        this.file = dataDir.resolve(FILE_NAME).toAbsolutePath().normalize();
        this.json = json;
        this.users = read();
    }

    Path file() {
        return file;
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
        if (!Files.exists(file)) {
            return loaded;
        }
        try {
            List<StoredUser> list = json.readValue(file.toFile(), new TypeReference<UsersFile>() { }).users();
            for (StoredUser user : list == null ? List.<StoredUser>of() : list) {
                loaded.put(user.username(), user);
            }
            return loaded;
        } catch (IOException e) {
            // Starting with no users would silently hand out a new admin password: refuse instead.
            throw new IllegalStateException("Cannot read the users file " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(Collection<StoredUser> list) {
        try {
            Path dir = Objects.requireNonNull(file.getParent(), "an absolute file has a parent");
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".users-", ".json.tmp");
            try {
                restrictToOwner(temp);
                byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(new UsersFile(new ArrayList<>(list)));
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            syncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the users file " + file, e);
        }
    }

    /** The hashes are not secret-secret, but nobody else on the host needs to read them. */
    private static void restrictToOwner(Path path) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Makes the rename itself durable; not every OS lets a directory be opened, hence best effort. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the file content is already on disk; only the rename might be lost on a power cut
        }
    }

    /** The file format: an object, so fields can be added later without breaking old files. */
    record UsersFile(List<StoredUser> users) {
    }
}
