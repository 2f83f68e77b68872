package dev.infradash.targets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infradash.base.AtomicFile;
import dev.infradash.base.FileOperations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.io.input.ReversedLinesFileReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Append-only record of every change to the targets file: {@code audit.jsonl} in the data
 * directory, one JSON object per line. Each entry is appended with O_APPEND and fsynced
 * ({@link AtomicFile#appendLine}), so a crash leaves at worst a partial last line, which the
 * reader skips.
 */
@Service
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final TypeReference<List<ServerDefinition>> SERVERS = new TypeReference<>() {
    };

    private final AtomicFile file;
    private final ObjectMapper json;

    @Autowired
    public AuditLog(DataProperties data, ObjectMapper json) {
        this(data, json, FileOperations.SYSTEM);
    }

    AuditLog(DataProperties data, ObjectMapper json, FileOperations files) {
        // the clock only dates replacements, which an append-only log never makes; owner-only: the
        // log names users and their addresses, nobody else on the host needs to read it (issue 12)
        this.file = new AtomicFile(data.dir().resolve("audit.jsonl"), AtomicFile.OWNER_ONLY, Clock.systemUTC(), files);
        this.json = json;
    }

    public Path file() {
        return file.path();
    }

    void append(AuditEntry entry) throws IOException {
        ObjectNode node = json.createObjectNode();
        node.put("time", entry.time().toString());
        node.put("user", entry.user());
        node.put("clientAddress", entry.clientAddress());
        node.put("action", entry.action().label());
        node.set("before", json.valueToTree(entry.before()));
        node.set("after", json.valueToTree(entry.after()));
        if (entry.note() != null) {
            node.put("note", entry.note());
        }
        // Jackson escapes \n, \r and U+2028/2029 inside strings, so one entry is one line.
        file.appendLine((json.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Appends an entry for a change of {@code changed} that has already happened. Failing the
     * change now would make the user retry something that was done, so a gap in the audit trail
     * is logged loudly instead.
     */
    void appendAfterTheFact(AuditEntry entry, Path changed) {
        try {
            append(entry);
        } catch (IOException | RuntimeException e) {
            log.error("Saved {} but could not append to the audit log {}: {}; entry: {} by {} from {}", changed,
                    file.path(), e, entry.action().label(), entry.user(), entry.clientAddress());
        }
    }

    /**
     * The last {@code limit} entries, newest first. Reads the file backwards from its end in small
     * blocks, so neither time nor memory grows with the log; lines that cannot be read (a partial
     * last line after a crash) are skipped.
     */
    public List<AuditEntry> recent(int limit) {
        List<AuditEntry> entries = new ArrayList<>();
        if (limit <= 0) {
            return entries;
        }
        try (ReversedLinesFileReader lines = ReversedLinesFileReader.builder().setPath(file.path())
                .setCharset(StandardCharsets.UTF_8).get()) {
            for (String line = lines.readLine(); line != null && entries.size() < limit; line = lines.readLine()) {
                parse(line).ifPresent(entries::add);
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            log.warn("Cannot read the audit log {}: {}", file.path(), e.toString());
        }
        return entries;
    }

    private Optional<AuditEntry> parse(String line) {
        if (line.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(line);
            AuditAction action = AuditAction.fromLabel(node.path("action").asText()).orElseThrow();
            return Optional.of(new AuditEntry(Instant.parse(node.path("time").asText()),
                    node.path("user").asText(), node.path("clientAddress").asText(), action,
                    json.convertValue(node.path("before"), SERVERS), json.convertValue(node.path("after"), SERVERS),
                    node.hasNonNull("note") ? node.get("note").asText() : null));
        } catch (RuntimeException | IOException e) {
            log.debug("Skipping an unreadable audit line: {}", e.toString());
            return Optional.empty();
        }
    }
}
