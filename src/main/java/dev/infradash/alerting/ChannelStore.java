package dev.infradash.alerting;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.base.AtomicFile;
import dev.infradash.base.FileOperations;
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
 * The channels, in memory and in {@code channels.json} of the data directory: owner-only (it
 * holds SMTP passwords and bot tokens), written whole through {@link AtomicFile} like the users
 * and tokens files. The only writer of that file.
 */
class ChannelStore {

    static final String FILE_NAME = "channels.json";

    private final AtomicFile file;
    private final ObjectMapper json;
    private List<Channel> channels;

    ChannelStore(Path dataDir, ObjectMapper json) {
        this.file = new AtomicFile(
                dataDir.resolve(FILE_NAME), AtomicFile.OWNER_ONLY, Clock.systemUTC(), FileOperations.SYSTEM);
        this.json = json;
        this.channels = read();
    }

    Path file() {
        return file.path();
    }

    synchronized List<Channel> all() {
        return channels;
    }

    synchronized Optional<Channel> find(String id) {
        return channels.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** Persists the whole list; memory keeps the old one when the write fails. */
    synchronized void save(List<Channel> next) {
        List<StoredChannel> stored = next.stream().map(StoredChannel::of).toList();
        try {
            file.replace(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(new ChannelsFile(1, stored)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the channels file " + file.path() + ": " + e.getMessage(), e);
        }
        channels = List.copyOf(next);
    }

    private List<Channel> read() {
        if (!Files.exists(file.path())) return List.of();
        try {
            ChannelsFile content = json.readValue(file.path().toFile(), ChannelsFile.class);
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
                    "Cannot read the channels file " + file.path() + ": "
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
