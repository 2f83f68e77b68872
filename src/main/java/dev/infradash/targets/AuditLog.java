package dev.infradash.targets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Append-only record of every change to the targets file: {@code audit.jsonl} in the data
 * directory, one JSON object per line. Each entry is appended with O_APPEND and fsynced, so a
 * crash leaves at worst a partial last line, which the reader skips.
 */
@Service
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final int READ_BLOCK = 64 * 1024;
    private static final TypeReference<List<ServerDefinition>> SERVERS = new TypeReference<>() {
    };

    private final Path file;
    private final ObjectMapper json;
    private final FileOperations files;

    @Autowired
    public AuditLog(DataProperties data, ObjectMapper json) {
        this(data, json, FileOperations.SYSTEM);
    }

    AuditLog(DataProperties data, ObjectMapper json, FileOperations files) {
        this.file = data.dir().toAbsolutePath().normalize().resolve("audit.jsonl");
        this.json = json;
        this.files = files;
    }

    public Path file() {
        return file;
    }

    synchronized void append(AuditEntry entry) throws IOException {
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
        byte[] line = (json.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(file.getParent());
        boolean partialLastLine = endsWithoutNewline();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.allocate(line.length + 1);
            if (partialLastLine) {
                // A crash cut the previous entry short: end it, so this entry stays a line of its own.
                bytes.put((byte) '\n');
            }
            bytes.put(line).flip();
            files.write(channel, bytes);
            files.force(channel);
        }
    }

    private boolean endsWithoutNewline() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, size - 1);
            return last.get(0) != '\n';
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * The last {@code limit} entries, newest first. Reads from the end of the file, so the cost does
     * not grow with the log; lines that cannot be read (a partial last line after a crash) are skipped.
     */
    public List<AuditEntry> recent(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<AuditEntry> entries = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = channel.size();
            byte[] carry = new byte[0]; // the start of a line whose beginning lies in an earlier block
            while (end > 0 && entries.size() < limit) {
                long start = Math.max(0, end - READ_BLOCK);
                ByteBuffer block = ByteBuffer.allocate((int) (end - start));
                while (block.hasRemaining() && channel.read(block, start + block.position()) >= 0) {
                    // read until the block is full
                }
                byte[] bytes = concat(block.array(), carry);
                int lineEnd = bytes.length;
                for (int i = bytes.length - 1; i >= 0 && entries.size() < limit; i--) {
                    if (bytes[i] == '\n') {
                        parse(bytes, i + 1, lineEnd).ifPresent(entries::add);
                        lineEnd = i;
                    }
                }
                carry = Arrays.copyOf(bytes, lineEnd);
                end = start;
                if (end == 0 && entries.size() < limit) {
                    parse(carry, 0, carry.length).ifPresent(entries::add);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            log.warn("Cannot read the audit log {}: {}", file, e.toString());
        }
        return entries;
    }

    private Optional<AuditEntry> parse(byte[] bytes, int from, int to) {
        if (to <= from) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(new String(bytes, from, to - from, StandardCharsets.UTF_8));
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

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(first.length + second.length);
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
