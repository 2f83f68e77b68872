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
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The API tokens, in {@code tokens.json} of the data directory (owner-only, written whole through
 * {@link AtomicFile}, like the users file). Holds hashes only. Shared with other instances like
 * the users file ({@link SharedFile}): a token another instance revoked is unknown here at the
 * next call, and changes are applied under the cross-process lock to the file as it is then.
 */
class ApiTokenStore {

    static final String FILE_NAME = "tokens.json";

    private final SharedFile<Map<String, ApiToken>> file;

    ApiTokenStore(Path dataDir, ObjectMapper json) {
        this.file = new SharedFile<>(
                new AtomicFile(
                        dataDir.resolve(FILE_NAME), AtomicFile.OWNER_ONLY, Clock.systemUTC(), FileOperations.SYSTEM),
                path -> read(path, json),
                tokens -> json.writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(new TokensFile(new ArrayList<>(tokens.values()))));
        tokens(); // a file that cannot be read stops the start
    }

    Path file() {
        return file.path();
    }

    Optional<ApiToken> find(String id) {
        return Optional.ofNullable(tokens().get(id));
    }

    List<ApiToken> all() {
        return List.copyOf(tokens().values());
    }

    /** Applies a change to the tokens as the file has them now and persists it; nothing changes when it fails. */
    void update(UnaryOperator<Map<String, ApiToken>> change) {
        try {
            file.update(current ->
                    Collections.unmodifiableMap(new LinkedHashMap<>(change.apply(new LinkedHashMap<>(current)))));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the tokens file " + file.path(), e);
        }
    }

    private Map<String, ApiToken> tokens() {
        try {
            return file.read();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the tokens file " + file.path(), e);
        }
    }

    private static Map<String, ApiToken> read(Path path, ObjectMapper json) {
        Map<String, ApiToken> loaded = new LinkedHashMap<>();
        if (!Files.exists(path)) {
            return Collections.unmodifiableMap(loaded);
        }
        try {
            List<ApiToken> list = json.readValue(path.toFile(), new TypeReference<TokensFile>() {})
                    .tokens();
            for (ApiToken token : list == null ? List.<ApiToken>of() : list) {
                loaded.put(token.id(), token);
            }
            return Collections.unmodifiableMap(loaded);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the tokens file " + path + ": " + e.getMessage(), e);
        }
    }

    record TokensFile(List<ApiToken> tokens) {}
}
