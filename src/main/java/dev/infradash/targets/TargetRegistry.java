package dev.infradash.targets;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The list of servers Infradash expects, read from the same file_sd file Prometheus reads.
 * {@link #current()} re-reads the file only when its identity, size or modification time
 * changed, so calling it every collector cycle costs one stat. A file that becomes unreadable or
 * invalid keeps the last good list and reports the error.
 */
@Service
public class TargetRegistry {

    private static final Logger log = LoggerFactory.getLogger(TargetRegistry.class);

    private final Path file;
    private final TargetFile reader;
    private @Nullable FileVersion seen;
    private TargetsState state;

    public TargetRegistry(TargetsProperties properties, ObjectMapper json) {
        this.file = properties.file().toAbsolutePath().normalize();
        this.reader = new TargetFile(json);
        this.state = new TargetsState(TargetList.EMPTY, file, null);
    }

    public synchronized TargetsState current() {
        FileVersion version;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            version = new FileVersion(
                    attributes.fileKey(),
                    attributes.size(),
                    attributes.lastModifiedTime().toMillis());
        } catch (NoSuchFileException e) {
            version = FileVersion.MISSING;
        } catch (IOException e) {
            return keepLastGood(null, "cannot read " + file + ": " + e);
        }
        if (version.equals(seen) && state.error() == null) {
            return state;
        }
        if (version == FileVersion.MISSING) {
            // No file is a fresh install, not an error: the overview explains how to add a target.
            seen = version;
            state = new TargetsState(TargetList.EMPTY, file, null);
            return state;
        }
        TargetFileContent content;
        try {
            content = reader.load(file);
        } catch (IOException e) {
            return keepLastGood(version, "cannot read " + file + ": " + e.getMessage());
        }
        if (content.error() != null) {
            return keepLastGood(version, content.error());
        }
        TargetList targets = Objects.requireNonNull(content.targets(), "no error: targets");
        if (state.error() != null || !targets.equals(state.targets())) {
            log.info(
                    "Targets file {} now lists {} server(s)",
                    file,
                    targets.servers().size());
        }
        seen = version;
        state = new TargetsState(content.targets(), file, null);
        return state;
    }

    public Path file() {
        return file;
    }

    private TargetsState keepLastGood(@Nullable FileVersion version, @Nullable String error) {
        if (!Objects.equals(error, state.error())) {
            log.warn("Keeping the last good target list: {}", error);
        }
        seen = version;
        state = new TargetsState(state.targets(), file, error);
        return state;
    }

    private record FileVersion(@Nullable Object key, long size, long modifiedMillis) {
        static final FileVersion MISSING = new FileVersion(null, -1, -1);
    }
}
