package dev.infradash.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
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
import java.util.function.Predicate;
import org.apache.commons.io.input.ReversedLinesFileReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code audit.jsonl} in the data directory, one JSON object per line, readable by its owner
 * only (it names users and addresses). Each record is appended with O_APPEND and fsynced
 * ({@link AtomicFile#appendLine}), so a crash leaves at worst a partial last line, which the
 * reader skips. Lines written before users and tokens were audited have no {@code subject} and
 * read as records of the targets list.
 */
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final AtomicFile file;
    private final ObjectMapper json;

    public AuditTrail(Path dataDir, ObjectMapper json, FileOperations files) {
        // the clock only dates replacements, which an append-only log never makes
        this.file = new AtomicFile(dataDir.resolve("audit.jsonl"), AtomicFile.OWNER_ONLY, Clock.systemUTC(), files);
        this.json = json;
    }

    public Path file() {
        return file.path();
    }

    /** Appends one record; throws when it could not be written durably. */
    public void append(AuditRecord record) throws IOException {
        ObjectNode node = json.createObjectNode();
        node.put("time", record.time().toString());
        node.put("user", record.user());
        node.put("clientAddress", record.clientAddress());
        node.put("action", record.action());
        if (!record.subject().isEmpty()) {
            node.put("subject", record.subject());
        }
        if (!record.before().isMissingNode()) {
            node.set("before", record.before());
        }
        if (!record.after().isMissingNode()) {
            node.set("after", record.after());
        }
        if (record.note() != null) {
            node.put("note", record.note());
        }
        // Jackson escapes \n, \r and U+2028/2029 inside strings, so one record is one line.
        file.appendLine((json.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Appends a record of a change that has already happened. Failing the change now would make
     * the user retry something that was done, so a gap in the trail is logged loudly instead.
     */
    public void appendAfterTheFact(AuditRecord record, String changed) {
        try {
            append(record);
        } catch (IOException | RuntimeException e) {
            log.error(
                    "Changed {} but could not append to the audit log {}: {}; record: {} {} by {} from {}",
                    changed,
                    file.path(),
                    e,
                    record.action(),
                    record.subject(),
                    record.user(),
                    record.clientAddress());
        }
    }

    /** The last {@code limit} records, newest first. */
    public List<AuditRecord> recent(int limit) {
        return recent(limit, record -> true);
    }

    /**
     * The last {@code limit} records that match, newest first. Reads the file backwards from its
     * end, so neither time nor memory grows with the log; unreadable lines are skipped.
     */
    public List<AuditRecord> recent(int limit, Predicate<AuditRecord> matching) {
        List<AuditRecord> records = new ArrayList<>();
        if (limit <= 0) {
            return records;
        }
        try (ReversedLinesFileReader lines = ReversedLinesFileReader.builder()
                .setPath(file.path())
                .setCharset(StandardCharsets.UTF_8)
                .get()) {
            for (String line = lines.readLine(); line != null && records.size() < limit; line = lines.readLine()) {
                parse(line).filter(matching).ifPresent(records::add);
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            log.warn("Cannot read the audit log {}: {}", file.path(), e.toString());
        }
        return records;
    }

    private Optional<AuditRecord> parse(String line) {
        if (line.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(line);
            return Optional.of(new AuditRecord(
                    Instant.parse(node.path("time").asText()),
                    node.path("user").asText(),
                    node.path("clientAddress").asText(),
                    node.path("action").asText(),
                    node.path("subject").asText(""),
                    node.has("before") ? node.get("before") : MissingNode.getInstance(),
                    node.has("after") ? node.get("after") : MissingNode.getInstance(),
                    node.hasNonNull("note") ? node.get("note").asText() : null));
        } catch (RuntimeException | IOException e) {
            log.debug("Skipping an unreadable audit line: {}", e.toString());
            return Optional.empty();
        }
    }
}
