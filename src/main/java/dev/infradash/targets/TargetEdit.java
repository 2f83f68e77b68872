package dev.infradash.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What one change does to the server list, and how the audit log describes it. The edits are
 * functions of the list as it is on disk when the change runs (under the store's lock), so they
 * never work on a stale copy.
 *
 * @param servers the whole list to write; may hold nulls, which the validator reports
 * @param focus   the index of the server being added or updated (its errors are reported
 *                without a {@code servers[i].} prefix), or -1
 * @param before  the affected servers as they were
 * @param after   the affected servers as they will be
 */
record TargetEdit(
        @Nullable List<ServerDefinition> servers,
        int focus,
        AuditAction action,
        List<ServerDefinition> before,
        List<ServerDefinition> after) {

    /**
     * Replaces the whole list; the audit entry names only the servers that changed.
     * {@code current} is null when the file on disk could not be read (a confirmed overwrite).
     */
    static Function<List<ServerDefinition>, TargetEdit> replaceAll(List<ServerDefinition> servers) {
        return current -> {
            List<ServerDefinition> proposed = servers == null ? null : new ArrayList<>(servers);
            if (current == null) {
                return new TargetEdit(
                        proposed,
                        -1,
                        AuditAction.OVERWRITE_UNPARSEABLE,
                        List.of(),
                        proposed == null ? List.of() : proposed);
            }
            List<ServerDefinition> before = current.stream()
                    .filter(old -> proposed == null || !proposed.contains(old))
                    .toList();
            List<ServerDefinition> after = proposed == null
                    ? List.of()
                    : proposed.stream().filter(now -> !current.contains(now)).toList();
            return new TargetEdit(proposed, -1, AuditAction.REPLACE, before, after);
        };
    }

    /**
     * The rules this change must keep. A whole new list is checked as a whole; an added or updated
     * server against the rest of the list (which is not judged: a hand-edited entry that breaks a
     * rule must not block changes to other servers); a deletion cannot break a rule.
     */
    List<FieldError> check(TargetValidator validator) {
        return switch (action) {
            case ADD, UPDATE -> validator.validateChange(servers, focus);
            case DELETE -> List.of();
            default -> validator.validate(servers, focus);
        };
    }

    static Function<List<ServerDefinition>, TargetEdit> add(ServerDefinition server) {
        return current -> {
            List<ServerDefinition> servers = new ArrayList<>(current);
            servers.add(server);
            return new TargetEdit(servers, servers.size() - 1, AuditAction.ADD, List.of(), nullable(server));
        };
    }

    /** Replaces the server with {@code id} (which may rename it), keeping its place in the list. */
    static Function<List<ServerDefinition>, TargetEdit> update(String id, ServerDefinition server) {
        return current -> {
            int index = indexOf(current, id);
            List<ServerDefinition> servers = new ArrayList<>(current);
            ServerDefinition old = servers.set(index, server);
            return new TargetEdit(servers, index, AuditAction.UPDATE, List.of(old), nullable(server));
        };
    }

    static Function<List<ServerDefinition>, TargetEdit> delete(String id) {
        return current -> {
            int index = indexOf(current, id);
            List<ServerDefinition> servers = new ArrayList<>(current);
            ServerDefinition old = servers.remove(index);
            return new TargetEdit(servers, -1, AuditAction.DELETE, List.of(old), List.of());
        };
    }

    private static List<ServerDefinition> nullable(ServerDefinition server) {
        return server == null ? List.of() : List.of(server);
    }

    private static int indexOf(List<ServerDefinition> servers, String id) {
        for (int i = 0; i < servers.size(); i++) {
            if (servers.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new NoSuchServerException(id);
    }
}
