package dev.infradash.settings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infradash.audit.AuditRecord;
import java.util.ArrayList;
import java.util.List;

/** One audit record in words, for the audit grid: what changed, not the raw JSON. */
final class AuditSummary {

    private AuditSummary() {}

    static String of(AuditRecord record) {
        String subject = record.subject().contains(":")
                ? record.subject().substring(record.subject().indexOf(':') + 1)
                : record.subject();
        String change = switch (record.action()) {
            case "add" -> "+ " + ids(record.after());
            case "delete" -> "− " + ids(record.before());
            case "update", "replace" -> ServerChanges.between(record.before(), record.after());
            case "overwrite-unparseable" -> {
                String before = ids(record.before());
                String after = ids(record.after());
                yield before.isEmpty() && after.isEmpty() ? "" : before + " → " + after;
            }
            case "user-create" ->
                "+ user " + subject + " (" + record.after().path("role").asText() + ")";
            case "user-role" ->
                "user " + subject + ": " + record.before().path("role").asText() + " → "
                        + record.after().path("role").asText();
            case "user-password-reset" -> "user " + subject + ": password reset";
            case "user-delete" -> "− user " + subject;
            case "token-create" ->
                "+ token \u201c" + record.after().path("name").asText() + "\u201d for "
                        + record.after().path("owner").asText() + " ("
                        + record.after().path("scope").asText() + ")";
            case "token-revoke" ->
                "− token \u201c" + record.before().path("name").asText() + "\u201d of "
                        + record.before().path("owner").asText();
            default -> record.subject();
        };
        return record.note() == null || record.note().isBlank() ? change : change + " (" + record.note() + ")";
    }

    /** The server ids of a list of server definitions, as the targets slice records them. */
    private static String ids(JsonNode servers) {
        List<String> ids = new ArrayList<>();
        servers.forEach(server -> ids.add(server.path("id").asText()));
        return String.join(", ", ids);
    }
}
