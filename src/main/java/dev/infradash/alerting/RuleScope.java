package dev.infradash.alerting;

import java.util.List;

/**
 * Which servers a rule watches: every server, the servers of one role, or chosen server ids.
 *
 * @param role      the role, when {@code kind} is ROLE; empty otherwise
 * @param serverIds the servers, when {@code kind} is SERVERS; empty otherwise
 */
public record RuleScope(Kind kind, String role, List<String> serverIds) {

    public enum Kind {
        ALL,
        ROLE,
        SERVERS
    }

    public RuleScope {
        serverIds = List.copyOf(serverIds);
    }

    public static RuleScope all() {
        return new RuleScope(Kind.ALL, "", List.of());
    }

    public static RuleScope role(String role) {
        return new RuleScope(Kind.ROLE, role, List.of());
    }

    public static RuleScope servers(List<String> ids) {
        return new RuleScope(Kind.SERVERS, "", ids);
    }

    /** As the rule list shows it. */
    public String words() {
        return switch (kind) {
            case ALL -> "All servers";
            case ROLE -> "Role " + role;
            case SERVERS -> String.join(", ", serverIds);
        };
    }
}
