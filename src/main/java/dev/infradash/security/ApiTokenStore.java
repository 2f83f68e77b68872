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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The API tokens, in memory and in {@code tokens.json} of the data directory (owner-only, written
 * whole through {@link AtomicFile}, like the users file). Holds hashes only.
 */
class ApiTokenStore {

    static final String FILE_NAME = "tokens.json";

    private final AtomicFile file;
    private final ObjectMapper json;
    private Map<String, ApiToken> tokens;

    ApiTokenStore(Path dataDir, ObjectMapper json) {
        this.file = new AtomicFile(
                dataDir.resolve(FILE_NAME), AtomicFile.OWNER_ONLY, Clock.systemUTC(), FileOperations.SYSTEM);
        this.json = json;
        this.tokens = read();
    }

    Path file() {
        return file.path();
    }

    synchronized Optional<ApiToken> find(String id) {
        return Optional.ofNullable(tokens.get(id));
    }

    synchronized List<ApiToken> all() {
        return List.copyOf(tokens.values());
    }

    /** Applies a change and persists it; memory keeps the old list when the write fails. */
    synchronized void update(UnaryOperator<Map<String, ApiToken>> change) {
        Map<String, ApiToken> next = change.apply(new LinkedHashMap<>(tokens));
        try {
            file.replace(json.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new TokensFile(new ArrayList<>(next.values()))));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the tokens file " + file.path(), e);
        }
        tokens = next;
    }

    private Map<String, ApiToken> read() {
        Map<String, ApiToken> loaded = new LinkedHashMap<>();
        if (!Files.exists(file.path())) {
            return loaded;
        }
        try {
            List<ApiToken> list = json.readValue(file.path().toFile(), new TypeReference<TokensFile>() {})
                    .tokens();
            for (ApiToken token : list == null ? List.<ApiToken>of() : list) {
                loaded.put(token.id(), token);
            }
            return loaded;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the tokens file " + file.path() + ": " + e.getMessage(), e);
        }
    }

    record TokensFile(List<ApiToken> tokens) {}
}
