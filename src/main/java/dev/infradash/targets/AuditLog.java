package dev.infradash.targets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.audit.AuditRecord;
import dev.infradash.audit.AuditTrail;
import dev.infradash.base.FileOperations;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The targets file's side of the audit trail: each change of the file as one record of the
 * application's {@link AuditTrail} (action add/update/delete/replace/overwrite-unparseable; before
 * and after as lists of server definitions), and those records read back.
 */
@Service
public class AuditLog {

    private static final TypeReference<List<ServerDefinition>> SERVERS = new TypeReference<>() {};

    private final AuditTrail trail;
    private final ObjectMapper json;

    @Autowired
    public AuditLog(AuditTrail trail, ObjectMapper json) {
        this.trail = trail;
        this.json = json;
    }

    /** A log of its own over the data directory's trail (tests, tools). */
    public AuditLog(DataProperties data, ObjectMapper json) {
        this(data, json, FileOperations.SYSTEM);
    }

    AuditLog(DataProperties data, ObjectMapper json, FileOperations files) {
        this(new AuditTrail(data.dir(), json, files), json);
    }

    public Path file() {
        return trail.file();
    }

    void append(AuditEntry entry) throws IOException {
        trail.append(record(entry));
    }

    /**
     * Appends an entry for a change of {@code changed} that has already happened. Failing the
     * change now would make the user retry something that was done, so a gap in the audit trail
     * is logged loudly instead.
     */
    void appendAfterTheFact(AuditEntry entry, Path changed) {
        trail.appendAfterTheFact(record(entry), changed.toString());
    }

    /** The last {@code limit} changes of the targets file, newest first; other records are skipped. */
    public List<AuditEntry> recent(int limit) {
        List<AuditEntry> entries = new ArrayList<>();
        for (AuditRecord record : trail.recent(
                limit, record -> AuditAction.fromLabel(record.action()).isPresent())) {
            entries.add(new AuditEntry(
                    record.time(),
                    record.user(),
                    record.clientAddress(),
                    AuditAction.fromLabel(record.action()).orElseThrow(),
                    servers(record.before()),
                    servers(record.after()),
                    record.note()));
        }
        return entries;
    }

    private AuditRecord record(AuditEntry entry) {
        return new AuditRecord(
                entry.time(),
                entry.user(),
                entry.clientAddress(),
                entry.action().label(),
                "",
                json.valueToTree(entry.before()),
                json.valueToTree(entry.after()),
                entry.note());
    }

    private List<ServerDefinition> servers(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? List.of() : json.convertValue(node, SERVERS);
    }
}
