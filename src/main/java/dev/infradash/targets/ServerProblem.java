package dev.infradash.targets;

/**
 * A rule that a server already in the targets file breaks (typically after a hand edit).
 *
 * @param index    the server's place in the list
 * @param serverId the server's id as the file has it (may itself be the problem: shorten it for display)
 * @param error    the field of that server and why
 */
public record ServerProblem(int index, String serverId, FieldError error) {

    /** The server's id, shortened so that a 10,000-character id does not flood a message. */
    public String shortId() {
        return TargetValidator.abbreviate(serverId);
    }
}
