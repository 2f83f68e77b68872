package dev.infradash.alerting;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The channels, in {@code channels.json} of the data directory: owner-only (it holds SMTP
 * passwords and bot tokens), written whole through {@link AtomicFile} like the users and tokens
 * files. Another instance may share the file ({@link SharedFile}): reads parse it again when it
 * changed, and {@link ChannelService} changes it under {@link #lock()}, the cross-process lock.
 */
class ChannelStore {

    static final String FILE_NAME = "channels.json";

    private final SharedFile<List<Channel>> file;

    ChannelStore(Path dataDir, ObjectMapper json) {
        this.file = new SharedFile<>(
                new AtomicFile(
                        dataDir.resolve(FILE_NAME), AtomicFile.OWNER_ONLY, Clock.systemUTC(), FileOperations.SYSTEM),
                path -> read(path, json),
                channels -> json.writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(new ChannelsFile(
                                1, channels.stream().map(StoredChannel::of).toList())));
        all(); // a file that cannot be read stops the start
    }

    Path file() {
        return file.path();
    }

    List<Channel> all() {
        try {
            return file.read();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the channels file " + file.path() + ": " + e.getMessage(), e);
        }
    }

    Optional<Channel> find(String id) {
        return all().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** Against other threads and other instances, for a read-change-apply-save. */
    AtomicFile.UpdateLock lock() {
        try {
            return file.lock();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock the channels file " + file.path() + ": " + e.getMessage(), e);
        }
    }

    /** Persists the whole list (the caller holds {@link #lock()}); the file keeps the old one when the write fails. */
    void save(List<Channel> next) {
        try {
            file.write(List.copyOf(next));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the channels file " + file.path() + ": " + e.getMessage(), e);
        }
    }

    private static List<Channel> read(Path path, ObjectMapper json) {
        if (!Files.exists(path)) return List.of();
        try {
            ChannelsFile content = json.readValue(path.toFile(), ChannelsFile.class);
            List<Channel> loaded = new ArrayList<>();
            for (StoredChannel c : content.channels() == null ? List.<StoredChannel>of() : content.channels()) {
                ChannelType type =
                        ChannelType.of(c.type()).orElseThrow(() -> new IOException("unknown channel type " + c.type()));
                loaded.add(new Channel(
                        c.id(), c.name(), type, c.fields() == null ? Map.of() : c.fields(), c.relaySecret()));
            }
            return List.copyOf(loaded);
        } catch (IOException e) {
            // no secret in the message: Jackson's location text quotes at most a token of the file
            throw new IllegalStateException(
                    "Cannot read the channels file " + path + ": "
                            + e.getClass().getSimpleName(),
                    e);
        }
    }

    record ChannelsFile(int version, @Nullable List<StoredChannel> channels) {}

    record StoredChannel(
            String id, String name, String type, @Nullable Map<String, String> fields, String relaySecret) {
        static StoredChannel of(Channel c) {
            return new StoredChannel(c.id(), c.name(), c.type().id(), c.fields(), c.relaySecret());
        }
    }
}
